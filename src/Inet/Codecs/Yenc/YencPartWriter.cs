using System.Buffers;
using System.Globalization;
using System.Text;

namespace Inet.Codecs.Yenc;

/// <summary>
/// Writes one yEnc part: <c>=ybegin</c> (and <c>=ypart</c>), the encoded data, and <c>=yend</c> with the
/// CRC32 computed on the way. The output is safe to send as an NNTP body without dot-stuffing.
/// </summary>
public sealed class YencPartWriter
{
    private const int ChunkSize = 64 * 1024;
    private readonly YencEncoder _encoder;

    /// <summary>Creates a writer for lines of <paramref name="lineLength"/> characters.</summary>
    public YencPartWriter(int lineLength = YencEncoder.DefaultLineLength)
    {
        _encoder = new YencEncoder(lineLength);
    }

    /// <summary>Characters per encoded line.</summary>
    public int LineLength => _encoder.LineLength;

    /// <summary>
    /// Reads <paramref name="count"/> bytes from <paramref name="source"/> and writes them as one part to
    /// <paramref name="destination"/>; returns the part's CRC32.
    /// </summary>
    public Task<uint> WritePartAsync(Stream source, long count, Stream destination, YencPartSpec spec, CancellationToken cancellationToken = default) =>
        WritePartAsync(source, count, destination, spec, null, cancellationToken);

    /// <summary>
    /// As the public overload; with <paramref name="precedingCrc"/> (CRC32 of all earlier parts) the
    /// <c>=yend</c> also gets the whole file's <c>crc32=</c>.
    /// </summary>
    internal async Task<uint> WritePartAsync(Stream source, long count, Stream destination, YencPartSpec spec, uint? precedingCrc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        CheckName(spec.Name);
        await destination.WriteAsync(BeginLines(spec, count), cancellationToken).ConfigureAwait(false);

        var input = ArrayPool<byte>.Shared.Rent(ChunkSize);
        var output = ArrayPool<byte>.Shared.Rent(YencEncoder.GetMaxEncodedLength(ChunkSize, LineLength));
        uint crc = 0;
        try
        {
            _encoder.Reset();
            var remaining = count;
            var pending = 0;
            while (remaining > 0 || pending > 0)
            {
                var want = (int)Math.Min(ChunkSize - pending, remaining);
                var read = want == 0 ? 0 : await source.ReadAsync(input.AsMemory(pending, want), cancellationToken).ConfigureAwait(false);
                if (want > 0 && read == 0)
                    throw new EndOfStreamException($"The source ended {remaining} bytes before the part's end.");
                crc = Crc32Math.Append(crc, input.AsSpan(pending, read));
                remaining -= read;
                var filled = pending + read;
                var written = EncodeChunk(input.AsSpan(0, filled), output, remaining == 0, out var consumed);
                await destination.WriteAsync(output.AsMemory(0, written), cancellationToken).ConfigureAwait(false);
                input.AsSpan(consumed, filled - consumed).CopyTo(input);
                pending = filled - consumed;
                if (remaining == 0 && pending == 0)
                    break;
            }
            var partCrc = crc;
            if (precedingCrc is { } before)
                spec = spec with { FileCrc32 = Crc32Math.Combine(before, partCrc, count) };
            await destination.WriteAsync(EndLine(spec, count, partCrc), cancellationToken).ConfigureAwait(false);
            return partCrc;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
            ArrayPool<byte>.Shared.Return(output);
        }
    }

    private int EncodeChunk(ReadOnlySpan<byte> data, Span<byte> output, bool final, out int consumed)
    {
        _encoder.Encode(data, output, out consumed, out var written, final);
        return written;
    }

    private static void CheckName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            throw new ArgumentException("A yEnc name cannot contain CR, LF or NUL.", nameof(name));
    }

    private byte[] BeginLines(YencPartSpec spec, long count)
    {
        var text = new StringBuilder("=ybegin ");
        var inv = CultureInfo.InvariantCulture;
        if (spec.Part > 0)
            text.Append(inv, $"part={spec.Part} total={spec.Total} ");
        text.Append(inv, $"line={LineLength} size={spec.FileSize} name={spec.Name}\r\n");
        if (spec.Part > 0)
            text.Append(inv, $"=ypart begin={spec.Begin} end={spec.Begin + count - 1}\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static byte[] EndLine(YencPartSpec spec, long count, uint partCrc)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = spec.Part > 0
            ? string.Create(inv, $"=yend size={count} part={spec.Part} pcrc32={partCrc:x8}")
            : string.Create(inv, $"=yend size={count} crc32={partCrc:x8}");
        if (spec.Part > 0 && spec.FileCrc32 is { } fileCrc)
            text += string.Create(inv, $" crc32={fileCrc:x8}");
        return Encoding.ASCII.GetBytes(text + "\r\n");
    }
}
