using System.Globalization;
using System.Text;

namespace Inet.Ftp;

/// <summary>Pure parsers for the payloads of FTP replies: 257 paths, 213 sizes and times.</summary>
internal static class FtpReplyText
{
    /// <summary>
    /// The path in a 257 reply: the text between the first '"' and the next lone '"', with each
    /// doubled quote read as one (RFC 959 appendix II). False when there is no quoted path.
    /// </summary>
    public static bool TryParseQuotedPath(string text, out string path)
    {
        path = "";
        var start = text.IndexOf('"', StringComparison.Ordinal);
        if (start < 0)
            return false;
        var result = new StringBuilder();
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] != '"')
            {
                result.Append(text[i]);
                continue;
            }
            if (i + 1 < text.Length && text[i + 1] == '"')
            {
                result.Append('"');
                i++;
                continue;
            }
            path = result.ToString();
            return true;
        }
        return false;
    }

    /// <summary>A 213 SIZE value: decimal digits only.</summary>
    public static bool TryParseSize(string text, out long size) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out size);

    /// <summary>A 213 MDTM time, YYYYMMDDHHMMSS[.sss...] in UTC (RFC 3659 2.3); extra fraction digits beyond ticks are dropped.</summary>
    public static bool TryParseTime(string text, out DateTimeOffset time)
    {
        time = default;
        var value = text.Trim();
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? value : value[..dot];
        if (whole.Length != 14 || !DateTime.TryParseExact(whole, "yyyyMMddHHmmss", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var seconds))
            return false;
        long ticks = 0;
        if (dot >= 0)
        {
            var fraction = value[(dot + 1)..];
            if (fraction.Length == 0 || !fraction.All(char.IsAsciiDigit))
                return false;
            var digits = fraction.Length > 7 ? fraction[..7] : fraction.PadRight(7, '0');
            ticks = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        }
        time = new DateTimeOffset(DateTime.SpecifyKind(seconds, DateTimeKind.Utc).AddTicks(ticks), TimeSpan.Zero);
        return true;
    }

    /// <summary>A time in the form MFMT and MDTM use.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
}
