using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Inet.Imap;

/// <summary>
/// How a client writes a string argument (RFC 9051 4.3): as an atom when that is safe, else quoted
/// when it has no CR, LF, NUL or (without UTF8=ACCEPT) 8-bit characters, else as a literal.
/// </summary>
public static class ImapQuoting
{
    /// <summary>Chooses the form for <paramref name="value"/>; <paramref name="utf8Accepted"/> allows UTF-8 in quoted strings (RFC 6855).</summary>
    public static ImapArgumentForm Classify(string value, bool utf8Accepted = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        var atom = value.Length > 0 && !value.Equals("NIL", StringComparison.OrdinalIgnoreCase);
        foreach (var c in value)
        {
            if (c is '\r' or '\n' or '\0' || (c > 0x7f && !utf8Accepted))
                return ImapArgumentForm.Literal;
            if (c <= ' ' || c >= 0x7f || c is '(' or ')' or '{' or '%' or '*' or '"' or '\\' or ']')
                atom = false;
        }
        return atom ? ImapArgumentForm.Atom : ImapArgumentForm.Quoted;
    }

    /// <summary>
    /// The argument as an atom or quoted string; false when it must be sent as a literal
    /// (the client then sends "{n}" with the UTF-8 byte count).
    /// </summary>
    public static bool TryFormat(string value, [NotNullWhen(true)] out string? formatted, bool utf8Accepted = false)
    {
        formatted = Classify(value, utf8Accepted) switch
        {
            ImapArgumentForm.Atom => value,
            ImapArgumentForm.Quoted => Quote(value),
            _ => null,
        };
        return formatted is not null;
    }

    /// <summary>Puts <paramref name="value"/> in double quotes, escaping "\" and '"'.</summary>
    /// <exception cref="ArgumentException">The value contains CR, LF or NUL (it needs a literal).</exception>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.AsSpan().IndexOfAny("\r\n\0") >= 0)
            throw new ArgumentException("A string with CR, LF or NUL cannot be quoted; send it as a literal.", nameof(value));
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
                builder.Append('\\');
            builder.Append(c);
        }
        return builder.Append('"').ToString();
    }

    /// <summary>The literal header for <paramref name="value"/>: "{n}" or, with LITERAL+, "{n+}" (n counts UTF-8 bytes).</summary>
    public static string LiteralHeader(string value, bool nonSynchronizing = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        var n = Encoding.UTF8.GetByteCount(value);
        return nonSynchronizing ? $"{{{n}+}}" : $"{{{n}}}";
    }
}
