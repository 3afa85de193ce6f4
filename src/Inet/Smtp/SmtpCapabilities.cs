using System.Globalization;
using Inet.Core;

namespace Inet.Smtp;

/// <summary>
/// What the server offered in its EHLO/LHLO answer (RFC 5321 4.1.1.1): one keyword per line,
/// parameters after it. A HELO session has none of them.
/// </summary>
public sealed record SmtpCapabilities
{
    /// <summary>A session that greeted with HELO: plain SMTP, nothing extended.</summary>
    public static readonly SmtpCapabilities None = new();

    /// <summary>The server's name, the first word of the greeting reply.</summary>
    public string ServerName { get; init; } = "";

    /// <summary>Every keyword, upper-case, with its parameters as sent.</summary>
    public IReadOnlyDictionary<string, string> Keywords { get; init; } = new Dictionary<string, string>();

    /// <summary>SIZE n (RFC 1870): the largest message accepted; 0 when no limit was stated; null without SIZE.</summary>
    public long? MaxSize { get; init; }

    public bool EightBitMime { get; init; }
    public bool SmtpUtf8 { get; init; }
    public bool Pipelining { get; init; }
    public bool Chunking { get; init; }
    public bool BinaryMime { get; init; }
    public bool Dsn { get; init; }
    public bool EnhancedStatusCodes { get; init; }
    public bool StartTls { get; init; }

    /// <summary>AUTH mechanisms offered (RFC 4954), upper-case.</summary>
    public IReadOnlyList<string> AuthMechanisms { get; init; } = [];

    public bool Has(string keyword) => Keywords.ContainsKey(keyword.ToUpperInvariant());

    /// <summary>Parses the lines after the first of a 250 EHLO reply.</summary>
    public static SmtpCapabilities FromEhloReply(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var keywords = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in reply.MoreLines)
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
                continue;
            var space = trimmed.IndexOfAny([' ', '=']); // "AUTH=LOGIN PLAIN" is an old form some servers still send
            var keyword = (space < 0 ? trimmed : trimmed[..space]).ToUpperInvariant();
            var parameters = space < 0 ? "" : trimmed[(space + 1)..].Trim();
            keywords[keyword] = keywords.TryGetValue(keyword, out var earlier) && earlier.Length > 0 ? earlier + " " + parameters : parameters;
        }
        long? maxSize = null;
        if (keywords.TryGetValue("SIZE", out var size))
            maxSize = long.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var auth = keywords.TryGetValue("AUTH", out var mechanisms)
            ? mechanisms.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(m => m.ToUpperInvariant()).Distinct().ToArray()
            : [];
        return new SmtpCapabilities
        {
            ServerName = reply.Text.Split(' ', 2)[0],
            Keywords = keywords,
            MaxSize = maxSize,
            EightBitMime = keywords.ContainsKey("8BITMIME"),
            SmtpUtf8 = keywords.ContainsKey("SMTPUTF8"),
            Pipelining = keywords.ContainsKey("PIPELINING"),
            Chunking = keywords.ContainsKey("CHUNKING"),
            BinaryMime = keywords.ContainsKey("BINARYMIME"),
            Dsn = keywords.ContainsKey("DSN"),
            EnhancedStatusCodes = keywords.ContainsKey("ENHANCEDSTATUSCODES"),
            StartTls = keywords.ContainsKey("STARTTLS"),
            AuthMechanisms = auth,
        };
    }
}
