using System.Text;

namespace Inet.Imap;

/// <summary>
/// Reads the start of a response's first line: "+" (continuation), "*" or a tag. Status responses and
/// continuations are complete on that line; untagged data continues in <see cref="ImapDataParser"/>.
/// </summary>
internal static class ImapResponseStart
{
    /// <summary>Returns the finished response in <paramref name="response"/>, or null and the offset where untagged data begins.</summary>
    public static int Parse(ReadOnlySpan<byte> line, out ImapResponse? response)
    {
        response = null;
        if (line.IsEmpty)
            throw ImapDataParser.Violation("An empty line", line);
        if (line[0] == '+')
        {
            var rest = line.Length > 1 && line[1] == ' ' ? line[2..] : line[1..];
            var (code, text) = ImapStatusText.Parse(rest);
            response = new ImapResponse(ImapResponseKind.Continuation, null, null, code, text, []);
            return line.Length;
        }
        var space = line.IndexOf((byte)' ');
        if (space <= 0 || space == line.Length - 1)
            throw ImapDataParser.Violation("A response without a tag and a body", line);
        var afterTag = line[(space + 1)..];
        var word = afterTag.IndexOf((byte)' ') is var end and >= 0 ? afterTag[..end] : afterTag;
        var status = StatusOf(word);
        var respText = word.Length < afterTag.Length ? afterTag[(word.Length + 1)..] : [];
        if (space == 1 && line[0] == '*')
        {
            if (status is null)
                return space + 1;
            var (code, text) = ImapStatusText.Parse(respText);
            response = new ImapResponse(ImapResponseKind.Untagged, null, status, code, text, []);
            return line.Length;
        }
        var tag = line[..space];
        if (tag.IndexOfAnyExceptInRange((byte)0x21, (byte)0x7e) >= 0 || tag.IndexOfAny("(){%*\"\\+"u8) >= 0)
            throw ImapDataParser.Violation("A malformed tag", line);
        if (status is not (ImapStatus.Ok or ImapStatus.No or ImapStatus.Bad))
            throw ImapDataParser.Violation("A tagged response that is not OK, NO or BAD", line);
        var (tagCode, tagText) = ImapStatusText.Parse(respText);
        response = new ImapResponse(ImapResponseKind.Tagged, Encoding.ASCII.GetString(tag), status, tagCode, tagText, []);
        return line.Length;
    }

    private static ImapStatus? StatusOf(ReadOnlySpan<byte> word)
    {
        if (word.Length is < 2 or > 7)
            return null;
        Span<byte> upper = stackalloc byte[word.Length];
        for (var i = 0; i < word.Length; i++)
            upper[i] = word[i] is >= (byte)'a' and <= (byte)'z' ? (byte)(word[i] - 0x20) : word[i];
        return upper switch
        {
            _ when upper.SequenceEqual("OK"u8) => ImapStatus.Ok,
            _ when upper.SequenceEqual("NO"u8) => ImapStatus.No,
            _ when upper.SequenceEqual("BAD"u8) => ImapStatus.Bad,
            _ when upper.SequenceEqual("BYE"u8) => ImapStatus.Bye,
            _ when upper.SequenceEqual("PREAUTH"u8) => ImapStatus.PreAuth,
            _ => null,
        };
    }
}
