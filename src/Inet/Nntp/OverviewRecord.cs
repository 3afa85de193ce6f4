namespace Inet.Nntp;

/// <summary>
/// One OVER/XOVER line: the seven standard fields and any extra headers in OVERVIEW.FMT order.
/// Values are as the server sent them (RFC 2047 words still encoded).
/// </summary>
public sealed record OverviewRecord(
    long Number,
    string Subject,
    string From,
    string Date,
    string MessageId,
    string References,
    long Bytes,
    long Lines,
    IReadOnlyList<KeyValuePair<string, string>> Extra)
{
    /// <summary>The Date field parsed (RFC 5322 and common variants), or null when it cannot be read.</summary>
    public DateTimeOffset? ParsedDate => MimeKit.Utils.DateUtils.TryParse(Date, out var date) ? date : null;

    /// <summary>The Subject with RFC 2047 encoded words decoded.</summary>
    public string DecodedSubject => MimeKit.Utils.Rfc2047.DecodeText(System.Text.Encoding.UTF8.GetBytes(Subject));

    /// <summary>The value of an extra field such as Xref, or null.</summary>
    public string? GetExtra(string name)
    {
        foreach (var pair in Extra)
        {
            if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
                return pair.Value;
        }
        return null;
    }
}
