using System.Text;

namespace Inet.Imap;

/// <summary>Parses the resp-text after OK/NO/BAD/BYE/PREAUTH or "+": an optional "[CODE args]" and the human text.</summary>
internal static class ImapStatusText
{
    private static readonly ImapReaderLimits CodeLimits = new(MaxLiteralSize: 0, MaxDepth: 16, MaxValues: 10_000, MaxResponseBytes: 0);

    public static (ImapResponseCode? Code, string Text) Parse(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty || text[0] != '[')
            return (null, Encoding.UTF8.GetString(text));
        var close = FindClose(text);
        if (close < 0)
            throw ImapDataParser.Violation("Unterminated response code (no \"]\")", text);
        var inner = text[1..close];
        var space = inner.IndexOf((byte)' ');
        var name = space < 0 ? inner : inner[..space];
        if (name.IsEmpty)
            throw ImapDataParser.Violation("Empty response code", text);
        var rawArguments = space < 0 ? [] : inner[(space + 1)..];
        var rest = text[(close + 1)..];
        if (!rest.IsEmpty && rest[0] == ' ')
            rest = rest[1..];
        var code = new ImapResponseCode(Encoding.UTF8.GetString(name).ToUpperInvariant(), ParseArguments(rawArguments), Encoding.UTF8.GetString(rawArguments));
        return (code, Encoding.UTF8.GetString(rest));
    }

    // The first "]" outside a quoted string and outside a nested "[...]" (a BADCHARSET or REFERRAL argument could hold one).
    private static int FindClose(ReadOnlySpan<byte> text)
    {
        var depth = 0;
        for (var i = 1; i < text.Length; i++)
        {
            switch (text[i])
            {
                case (byte)'"':
                    for (i++; i < text.Length && text[i] != '"'; i++)
                    {
                        if (text[i] == '\\')
                            i++;
                    }
                    if (i >= text.Length)
                        return text[1..].IndexOf((byte)']') is var plain and >= 0 ? plain + 1 : -1;
                    break;
                case (byte)'[':
                    depth++;
                    break;
                case (byte)']':
                    if (depth-- == 0)
                        return i;
                    break;
            }
        }
        return -1;
    }

    private static IReadOnlyList<ImapValue> ParseArguments(ReadOnlySpan<byte> raw)
    {
        if (raw.IsEmpty)
            return [];
        try
        {
            var parser = new ImapDataParser(CodeLimits);
            if (!parser.Parse(raw, out _, out _))
                return parser.Values;
        }
        catch (Core.ProtocolViolationException)
        {
            // Unknown codes may carry any text; keep it whole.
        }
        return [ImapValue.Atom(Encoding.UTF8.GetString(raw))];
    }
}
