using System.Buffers;

namespace Inet.Codecs.Yenc;

/// <summary>
/// Reads one yEnc part from an article body: skips to <c>=ybegin</c>, reads <c>=ypart</c>, decodes the
/// data into a destination while computing its CRC32, reads <c>=yend</c> and checks sizes and CRCs.
/// Works on an unstuffed body or on the raw dot-stuffed NNTP data (then it reads through the
/// terminating dot line). Memory use is two buffers whatever the article size. Not thread-safe.
/// </summary>
public sealed class YencPartReader
{
    /// <summary>Default size of the read buffer.</summary>
    public const int DefaultBufferSize = 64 * 1024;

    private readonly int _bufferSize;
    private readonly YencDecoder _rawDecoder = new(dotStuffed: true);
    private readonly YencDecoder _plainDecoder = new(dotStuffed: false);
    private readonly byte[] _controlLine = new byte[1024];

    /// <summary>Creates a reader with a read buffer of <paramref name="bufferSize"/> bytes (header lines longer than that are cut).</summary>
    public YencPartReader(int bufferSize = DefaultBufferSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 1024);
        _bufferSize = bufferSize;
    }

    /// <summary>The decoder path, settable by tests.</summary>
    internal YencSimdPath Path
    {
        get => _rawDecoder.Path;
        set => _rawDecoder.Path = _plainDecoder.Path = value;
    }

    /// <summary>
    /// Decodes the first yEnc part in <paramref name="source"/> into <paramref name="destination"/>. With
    /// <paramref name="dotStuffed"/> the source is raw NNTP data: dot-stuffed, ending with a line holding one dot.
    /// </summary>
    public Task<YencPartResult> ReadAsync(Stream source, Stream destination, bool dotStuffed = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        return RunAsync(source, destination, null, dotStuffed, cancellationToken);
    }

    /// <summary>Decodes the first yEnc part in <paramref name="source"/> into a buffer writer.</summary>
    public Task<YencPartResult> ReadAsync(Stream source, IBufferWriter<byte> destination, bool dotStuffed = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        return RunAsync(source, null, destination, dotStuffed, cancellationToken);
    }

    private async Task<YencPartResult> RunAsync(Stream source, Stream? stream, IBufferWriter<byte>? writer, bool dotStuffed, CancellationToken ct)
    {
        var inBuffer = ArrayPool<byte>.Shared.Rent(_bufferSize);
        // Decoded output is never longer than its input; 64 more bytes let SIMD stores run to the end.
        var outBuffer = stream is null ? null : ArrayPool<byte>.Shared.Rent(inBuffer.Length + 64);
        try
        {
            var input = new YencInputBuffer(source, inBuffer);
            var header = await FindBeginAsync(input, dotStuffed, ct).ConfigureAwait(false);
            if (header is not { } begin)
                return new YencPartResult { Status = YencPartStatus.NotFound };
            var part = await ReadPartLineAsync(input, dotStuffed, ct).ConfigureAwait(false);

            var decoder = dotStuffed ? _rawDecoder : _plainDecoder;
            decoder.Reset();
            uint crc = 0;
            long decoded = 0;
            YencEndLine? end = null;
            var articleEnded = false;
            while (end is null && !articleEnded)
            {
                if (input.Available.IsEmpty && !await input.FillAsync(ct).ConfigureAwait(false))
                    break;
                YencDecodeStatus status;
                int written;
                if (writer is not null)
                {
                    // Straight into the destination: output is never longer than the input, plus room for SIMD stores.
                    var target = writer.GetSpan(input.Available.Length + 64);
                    status = DecodeStep(input, decoder, target, out written);
                    crc = Crc32Math.Append(crc, target[..written]);
                    writer.Advance(written);
                }
                else
                {
                    status = DecodeStep(input, decoder, outBuffer!, out written);
                    crc = Crc32Math.Append(crc, outBuffer.AsSpan(0, written));
                    if (written > 0)
                        await stream!.WriteAsync(outBuffer.AsMemory(0, written), ct).ConfigureAwait(false);
                }
                decoded += written;
                if (status == YencDecodeStatus.EndOfArticle)
                {
                    articleEnded = true;
                }
                else if (status == YencDecodeStatus.ControlLine)
                {
                    var line = await ReadControlLineAsync(input, ct).ConfigureAwait(false);
                    if (YencEndLine.TryParse(_controlLine.AsSpan(0, line), out var e))
                        end = e;
                    else if (decoded == 0 && part is null && YencPartLine.TryParse(_controlLine.AsSpan(0, line), out var p))
                        part = p;
                    // Any other "=y" line is ignored; the decoder is at a line start again.
                }
            }
            var truncated = decoder.IsEscapePending || (dotStuffed && !articleEnded && end is null);
            if (dotStuffed && end is not null)
                await SkipToTerminatorAsync(input, ct).ConfigureAwait(false);
            return BuildResult(begin, part, end, decoded, crc, truncated);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(inBuffer);
            if (outBuffer is not null)
                ArrayPool<byte>.Shared.Return(outBuffer);
        }
    }

    private static YencDecodeStatus DecodeStep(YencInputBuffer input, YencDecoder decoder, Span<byte> output, out int written)
    {
        var status = decoder.Decode(input.Available, output, out var consumed, out written);
        input.Start += consumed;
        return status;
    }

    private static async ValueTask<YencBeginLine?> FindBeginAsync(YencInputBuffer input, bool dotStuffed, CancellationToken ct)
    {
        while (await input.NextLineAsync(ct).ConfigureAwait(false))
        {
            if (MatchBegin(input.Line, dotStuffed, out var begin, out var terminator))
                return begin;
            if (terminator)
                return null;
        }
        return null;
    }

    private static bool MatchBegin(ReadOnlySpan<byte> line, bool dotStuffed, out YencBeginLine begin, out bool terminator)
    {
        begin = default;
        terminator = false;
        if (dotStuffed && line.Length > 0 && line[0] == (byte)'.')
        {
            line = line[1..];
            terminator = YencKeywords.TrimLineEnd(line).IsEmpty;
            if (terminator)
                return false;
        }
        return YencBeginLine.TryParse(line, out begin);
    }

    private static async ValueTask<YencPartLine?> ReadPartLineAsync(YencInputBuffer input, bool dotStuffed, CancellationToken ct)
    {
        // Peek: only consume the next line when it is "=ypart" (some encoders leave it out).
        await input.EnsureAsync(8, ct).ConfigureAwait(false);
        if (!StartsWithPart(input.Available, dotStuffed))
            return null;
        if (!await input.NextLineAsync(ct).ConfigureAwait(false))
            return null;
        var line = input.Line;
        if (dotStuffed && line[0] == (byte)'.')
            line = line[1..];
        return YencPartLine.TryParse(line, out var part) ? part : null;
    }

    private static bool StartsWithPart(ReadOnlySpan<byte> data, bool dotStuffed)
    {
        if (dotStuffed && data.Length > 0 && data[0] == (byte)'.')
            data = data[1..];
        return data.StartsWith("=ypart"u8);
    }

    /// <summary>Reads the rest of a control line after the decoder consumed "=y"; returns its length in the scratch buffer.</summary>
    private async ValueTask<int> ReadControlLineAsync(YencInputBuffer input, CancellationToken ct)
    {
        _controlLine[0] = (byte)'=';
        _controlLine[1] = (byte)'y';
        if (!await input.NextLineAsync(ct).ConfigureAwait(false))
            return 2;
        var rest = input.Line;
        var length = Math.Min(rest.Length, _controlLine.Length - 2);
        rest[..length].CopyTo(_controlLine.AsSpan(2));
        return length + 2;
    }

    private static async ValueTask SkipToTerminatorAsync(YencInputBuffer input, CancellationToken ct)
    {
        while (await input.NextLineAsync(ct).ConfigureAwait(false))
        {
            if (YencKeywords.TrimLineEnd(input.Line).SequenceEqual("."u8))
                return;
        }
    }

    private static YencPartResult BuildResult(YencBeginLine begin, YencPartLine? part, YencEndLine? end, long decoded, uint crc, bool truncated)
    {
        var expectedSize = part?.Length ?? (begin.IsMultipart ? (long?)null : begin.Size);
        var invalid = (begin.Total > 0 && begin.Part > begin.Total)
            || (part is { } p && (p.Begin < 1 || p.End < p.Begin || p.End > begin.Size))
            || (end is { Part: > 0 } e && e.Part != begin.Part);
        var status = YencPartStatus.Ok;
        if (truncated)
            status = YencPartStatus.Truncated;
        else if (end is null)
            status = YencPartStatus.MissingYend;
        else if (invalid)
            status = YencPartStatus.InvalidHeader;
        else if (end.Value.Size != decoded || (expectedSize is { } size && size != decoded))
            status = YencPartStatus.SizeMismatch;
        else if ((end.Value.PartCrc32 is { } pcrc && pcrc != crc) || (!begin.IsMultipart && end.Value.Crc32 is { } fcrc && fcrc != crc))
            status = YencPartStatus.CrcMismatch;
        return new YencPartResult
        {
            Status = status,
            Name = begin.Name,
            FileSize = begin.Size,
            Part = begin.Part,
            Total = begin.Total,
            Begin = part?.Begin ?? 1,
            End = part?.End ?? begin.Size,
            LineLength = begin.Line,
            DecodedLength = decoded,
            Crc32 = crc,
            ExpectedPartCrc32 = end?.PartCrc32,
            ExpectedCrc32 = end?.Crc32,
            EndSize = end?.Size,
        };
    }
}
