using Inet.Codecs;
using Inet.Codecs.Yenc;
using Inet.Core;

namespace Inet.News.Download;

/// <summary>
/// The streaming step shared by the news robot and the download engine: sniff the head of an
/// article for its yEnc headers, then decode the rest straight into a <see cref="PartWriter"/> at
/// the part's offset, checking the CRC. One instance per connection (it owns buffers).
/// </summary>
internal sealed class YencSegmentDecoder : IDisposable
{
    private readonly BodySniffer _sniffer = new();
    private readonly YencPartReader _yenc = new();
    private bool _dotStuffed;
    private LineReader? _unstuffReader;

    /// <summary>What the sniffer saw; valid after <see cref="SniffAsync"/> until the next article.</summary>
    public BodySniffer Sniffer => _sniffer;

    /// <summary>
    /// Reads the head of <paramref name="content"/>; returns the =ybegin line when it is a yEnc part with a body.
    /// With <paramref name="dotStuffed"/> the content is raw NNTP data ending with the ".\r\n" line
    /// (=ybegin/=ypart lines never start with a dot, so they are found the same way).
    /// </summary>
    public async Task<YencBeginLine?> SniffAsync(Stream content, bool hasHeaders, bool dotStuffed, CancellationToken cancellationToken)
    {
        _dotStuffed = dotStuffed;
        await _sniffer.SniffAsync(content, hasHeaders, cancellationToken).ConfigureAwait(false);
        return _sniffer.Begin is { } begin && _sniffer.BodyStart >= 0 ? begin : null;
    }

    /// <summary>The sniffed bytes followed by the rest of <paramref name="content"/>, unstuffed (for non-yEnc decoders).</summary>
    public Stream Rewound(Stream content)
    {
        var whole = new PrefixedStream(_sniffer.Prefix, content);
        if (!_dotStuffed)
            return whole;
        // Rare path (not yEnc): unstuff line by line with a reader of its own.
        _unstuffReader?.Dispose();
        _unstuffReader = new LineReader(whole);
        return new DotBodyStream(_unstuffReader);
    }

    /// <summary>
    /// Decodes the sniffed yEnc part into <paramref name="assembler"/> (part number, offset and length from its
    /// =ybegin/=ypart lines) and closes the part: Ok, CRC mismatch, or truncated.
    /// </summary>
    public async Task<SegmentDecodeResult> DecodeAsync(MultipartAssembler assembler, Stream content, CancellationToken cancellationToken)
    {
        var begin = _sniffer.Begin ?? throw new InvalidOperationException("No yEnc part was sniffed.");
        var part = begin.IsMultipart ? begin.Part : 1;
        var offset = _sniffer.Part?.Offset ?? 0;
        long? length = _sniffer.Part is { } p ? p.Length : begin.Size > 0 && !begin.IsMultipart ? begin.Size : null;
        using var writer = assembler.BeginPart(part, offset, length);
        writer.DecoderComputesCrc = true; // the yEnc reader checks the CRC of every byte it hands over
        var body = new PrefixedStream(_sniffer.Prefix[_sniffer.BodyStart..], content);
        // Decoded straight into the part's staging buffer when the file takes direct writes.
        var result = writer.StagingWriter is { } staging
            ? await _yenc.ReadAsync(body, staging, _dotStuffed, cancellationToken).ConfigureAwait(false)
            : await _yenc.ReadAsync(body, new PartWriterStream(writer), _dotStuffed, cancellationToken).ConfigureAwait(false);
        var status = result.Status switch
        {
            YencPartStatus.Ok => writer.Complete(result.Crc32, crcOk: true),
            YencPartStatus.CrcMismatch => writer.Complete(result.Crc32, crcOk: false),
            _ => writer.CompleteTruncated(result.Crc32),
        };
        return new SegmentDecodeResult(part, offset, length, result, status, writer.IsDiscarding);
    }

    public void Dispose()
    {
        _sniffer.Dispose();
        _unstuffReader?.Dispose();
    }
}
