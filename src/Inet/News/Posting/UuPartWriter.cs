using System.Buffers;
using System.Text;
using Inet.Codecs;

namespace Inet.News.Posting;

/// <summary>
/// Writes one slice of a uuencoded file: the <c>begin</c> line in the first part, whole 45-byte
/// lines, and the <c>`</c> and <c>end</c> lines in the last, so the parts concatenated are one uu file.
/// </summary>
internal static class UuPartWriter
{
    private const int LinesPerChunk = 1024;

    public static async Task WriteAsync(Stream source, PartPlan part, Stream destination, CancellationToken cancellationToken)
    {
        if (part.Number == 1)
        {
            var begin = new UuBeginLine(UuEncoder.DefaultMode, SafeFileName.Sanitize(part.File.Name));
            await destination.WriteAsync(Encoding.UTF8.GetBytes(begin + "\r\n"), cancellationToken).ConfigureAwait(false);
        }
        const int chunkBytes = UuLine.BytesPerLine * LinesPerChunk;
        var data = ArrayPool<byte>.Shared.Rent(chunkBytes);
        var text = ArrayPool<byte>.Shared.Rent(LinesPerChunk * (UuLine.MaxLineBytes + 2));
        try
        {
            var remaining = part.Length;
            while (remaining > 0)
            {
                var want = (int)Math.Min(chunkBytes, remaining);
                await source.ReadExactlyAsync(data.AsMemory(0, want), cancellationToken).ConfigureAwait(false);
                remaining -= want;
                var written = EncodeLines(data.AsSpan(0, want), text);
                await destination.WriteAsync(text.AsMemory(0, written), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(data);
            ArrayPool<byte>.Shared.Return(text);
        }
        if (part.IsLast)
            await destination.WriteAsync("`\r\nend\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    private static int EncodeLines(ReadOnlySpan<byte> data, Span<byte> text)
    {
        var o = 0;
        for (var i = 0; i < data.Length; i += UuLine.BytesPerLine)
        {
            o += UuLine.Encode(data.Slice(i, Math.Min(UuLine.BytesPerLine, data.Length - i)), text[o..]);
            text[o++] = (byte)'\r';
            text[o++] = (byte)'\n';
        }
        return o;
    }
}
