using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Inet.Imap;

/// <summary>
/// Mailbox names in modified UTF-7 (RFC 3501 5.1.3): printable ASCII stands for itself, "&amp;" is
/// "&amp;-", anything else is "&amp;" + base64 of UTF-16BE (with "," for "/", no padding) + "-".
/// </summary>
public static class ImapMailboxName
{
    /// <summary>"Entwürfe" → "Entw&amp;APw-rfe".</summary>
    public static string Encode(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length + 8);
        var i = 0;
        while (i < name.Length)
        {
            var c = name[i];
            if (IsPrintable(c))
            {
                if (c == '&')
                    builder.Append("&-");
                else
                    builder.Append(c);
                i++;
                continue;
            }
            var end = i;
            while (end < name.Length && !IsPrintable(name[end]))
                end++;
            var base64 = Convert.ToBase64String(Encoding.BigEndianUnicode.GetBytes(name, i, end - i));
            builder.Append('&').Append(base64.TrimEnd('=').Replace('/', ',')).Append('-');
            i = end;
        }
        return builder.ToString();
    }

    /// <summary>
    /// "Entw&amp;APw-rfe" → "Entwürfe". A name that is not valid modified UTF-7 comes back unchanged
    /// (shown as the server sent it); use <see cref="TryDecode"/> to tell.
    /// </summary>
    public static string Decode(string name) => TryDecode(name, out var decoded) ? decoded : name;

    /// <summary>Decodes a modified UTF-7 name; false when a "&amp;...-" run is malformed.</summary>
    public static bool TryDecode(string name, [NotNullWhen(true)] out string? decoded)
    {
        ArgumentNullException.ThrowIfNull(name);
        decoded = null;
        var builder = new StringBuilder(name.Length);
        var i = 0;
        while (i < name.Length)
        {
            var c = name[i];
            if (c != '&')
            {
                // 8-bit characters are not modified UTF-7, but UTF8=ACCEPT servers send them raw: keep them.
                builder.Append(c);
                i++;
                continue;
            }
            var dash = name.IndexOf('-', i + 1);
            if (dash < 0)
                return false;
            if (dash == i + 1)
                builder.Append('&');
            else if (!TryDecodeRun(name.AsSpan(i + 1, dash - i - 1), builder))
                return false;
            i = dash + 1;
        }
        decoded = builder.ToString();
        return true;
    }

    private static bool TryDecodeRun(ReadOnlySpan<char> run, StringBuilder builder)
    {
        if (run.Length % 4 == 1)
            return false;
        Span<char> padded = stackalloc char[run.Length + 3];
        var n = 0;
        foreach (var c in run)
        {
            if (c is not (>= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '+' or ','))
                return false;
            padded[n++] = c == ',' ? '/' : c;
        }
        while (n % 4 != 0)
            padded[n++] = '=';
        var bytes = new byte[n / 4 * 3];
        if (!Convert.TryFromBase64Chars(padded[..n], bytes, out var written) || written % 2 != 0)
            return false;
        var text = Encoding.BigEndianUnicode.GetString(bytes, 0, written);
        foreach (var c in text)
        {
            if (IsPrintable(c))
                return false; // printable ASCII must stand for itself
        }
        builder.Append(text);
        return true;
    }

    private static bool IsPrintable(char c) => c is >= (char)0x20 and <= (char)0x7e;
}
