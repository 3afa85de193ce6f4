using System.Buffers;
using System.Text;

namespace Inet.Codecs;

/// <summary>Streaming uuencode: <c>begin MODE NAME</c>, 45-byte lines (<c>M...</c>), a <c>`</c> line and <c>end</c>.</summary>
public static class UuEncoder
{
    /// <summary>Unix mode written when none is given (octal 644).</summary>
    public const int DefaultMode = 0x1A4;

    private const int LinesPerChunk = 1024;

    /// <summary>
    /// Encodes <paramref name="input"/> to <paramref name="output"/> under <paramref name="name"/> (reduced to a safe
    /// leaf name). <paramref name="newLine"/> is <c>"\n"</c> or <c>"\r\n"</c>.
    /// </summary>
    public static async Task EncodeAsync(
        Stream input, Stream output, string name, int mode = DefaultMode, string newLine = "\n",
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        if (newLine is not ("\n" or "\r\n"))
            throw new ArgumentException("Line end must be \\n or \\r\\n.", nameof(newLine));
        var eol = Encoding.ASCII.GetBytes(newLine);
        var header = new UuBeginLine(mode & 0xFFF, SafeFileName.Sanitize(name));
        await output.WriteAsync(Encoding.UTF8.GetBytes(header + newLine), cancellationToken).ConfigureAwait(false);

        const int chunkBytes = UuLine.BytesPerLine * LinesPerChunk;
        var data = ArrayPool<byte>.Shared.Rent(chunkBytes);
        var text = ArrayPool<byte>.Shared.Rent(LinesPerChunk * (61 + 2));
        try
        {
            while (true)
            {
                var read = await input.ReadAtLeastAsync(data.AsMemory(0, chunkBytes), chunkBytes, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                    break;
                var written = EncodeLines(data.AsSpan(0, read), text, eol);
                await output.WriteAsync(text.AsMemory(0, written), cancellationToken).ConfigureAwait(false);
                if (read < chunkBytes)
                    break;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(data);
            ArrayPool<byte>.Shared.Return(text);
        }
        await output.WriteAsync(Encoding.ASCII.GetBytes("`" + newLine + "end" + newLine), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Encodes an in-memory file and returns the uuencoded text.</summary>
    public static string Encode(ReadOnlySpan<byte> data, string name, int mode = DefaultMode, string newLine = "\n")
    {
        if (newLine is not ("\n" or "\r\n"))
            throw new ArgumentException("Line end must be \\n or \\r\\n.", nameof(newLine));
        var lines = (data.Length + UuLine.BytesPerLine - 1) / UuLine.BytesPerLine;
        var text = new byte[(lines * (61 + newLine.Length)) + 1];
        var written = EncodeLines(data, text, Encoding.ASCII.GetBytes(newLine));
        var header = new UuBeginLine(mode & 0xFFF, SafeFileName.Sanitize(name));
        return header + newLine + Encoding.ASCII.GetString(text, 0, written) + "`" + newLine + "end" + newLine;
    }

    private static int EncodeLines(ReadOnlySpan<byte> data, Span<byte> text, ReadOnlySpan<byte> eol)
    {
        var o = 0;
        for (var i = 0; i < data.Length; i += UuLine.BytesPerLine)
        {
            var line = data.Slice(i, Math.Min(UuLine.BytesPerLine, data.Length - i));
            o += UuLine.Encode(line, text[o..]);
            eol.CopyTo(text[o..]);
            o += eol.Length;
        }
        return o;
    }
}
