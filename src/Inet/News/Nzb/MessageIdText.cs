namespace Inet.News.Nzb;

/// <summary>Normalises message-ids as NZBs carry them (with or without angle brackets).</summary>
public static class MessageIdText
{
    /// <summary>RFC 3977 section 3.6: a message-id is at most 250 octets including the brackets.</summary>
    public const int MaxLength = 248;

    /// <summary>
    /// Trims whitespace, strips one pair of angle brackets and checks the rest is 1-248 printable
    /// ASCII characters without '&lt;' or '&gt;' (so no CR, LF, NUL or space can reach a command).
    /// </summary>
    public static bool TryNormalize(string? text, out string messageId)
    {
        messageId = "";
        if (text is null)
            return false;
        var span = text.AsSpan().Trim();
        if (span.Length >= 2 && span[0] == '<' && span[^1] == '>')
            span = span[1..^1];
        if (span.Length is 0 or > MaxLength)
            return false;
        foreach (var c in span)
        {
            if (c is <= ' ' or > '~' or '<' or '>')
                return false;
        }
        messageId = span.ToString();
        return true;
    }
}
