using System.Text;
using Inet.Core;
using Inet.Imap;
using Inet.Tests.Fakes;

namespace Inet.Tests.Imap;

internal static class ImapTestHelpers
{
    /// <summary>A literal as the server sends it: "{n}\r\n" and the UTF-8 text.</summary>
    public static string Lit(string text) => $"{{{Encoding.UTF8.GetByteCount(text)}}}\r\n{text}";

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Reads every response until the stream ends.</summary>
    public static async Task<List<ImapResponse>> ReadAll(Stream stream, ImapReaderLimits? limits = null, IImapLiteralSink? sink = null, int maxLine = 64 * 1024)
    {
        using var lines = new LineReader(stream, maxLine);
        var reader = new ImapResponseReader(lines, limits);
        var responses = new List<ImapResponse>();
        while (!lines.Buffered.IsEmpty || await lines.FillAsync())
            responses.Add(await reader.ReadAsync(sink));
        return responses;
    }

    public static Task<List<ImapResponse>> ReadAll(string text, ImapReaderLimits? limits = null, int maxLine = 64 * 1024) =>
        ReadAll(new ChunkedStream(Bytes(text), 4096), limits, null, maxLine);

    public static async Task<ImapResponse> ReadOne(string text) => Assert.Single(await ReadAll(text));

    /// <summary>An exact, complete rendering of a response tree (literal bytes in hex), for comparing parses.</summary>
    public static string Dump(ImapResponse response)
    {
        var builder = new StringBuilder();
        builder.Append(response.Kind).Append('|').Append(response.Tag).Append('|').Append(response.Status).Append('|')
            .Append(response.Code?.Name).Append('|').Append(response.Code?.RawArguments).Append('|');
        foreach (var argument in response.Code?.Arguments ?? [])
            Dump(argument, builder);
        builder.Append('|').Append(response.Text).Append('|');
        foreach (var value in response.Values)
            Dump(value, builder);
        return builder.ToString();
    }

    private static void Dump(ImapValue value, StringBuilder builder)
    {
        builder.Append(value.Kind).Append(':');
        switch (value.Kind)
        {
            case ImapValueKind.List:
                builder.Append('[');
                foreach (var item in value.AsList())
                    Dump(item, builder);
                builder.Append(']');
                break;
            case ImapValueKind.Literal:
                builder.Append(Convert.ToHexString(value.AsBytes()!));
                break;
            case ImapValueKind.StreamedLiteral:
                builder.Append(value.LiteralLength);
                break;
            case ImapValueKind.Nil:
                break;
            default:
                builder.Append(value.AsString());
                break;
        }
        builder.Append(';');
    }
}
