namespace Inet.Codecs.Yenc;

/// <summary>
/// Streaming yEnc decoder: feed it chunks of any size (a chunk may end inside an escape, a CRLF or
/// CRLF.CRLF) and it stops at the <c>=y</c> control line, or at the NNTP terminator when
/// <see cref="DotStuffed"/>. Uses AVX-512, AVX2 or 128-bit SIMD where available. Allocates nothing per call.
/// </summary>
public sealed class YencDecoder
{
    private YencDecodeState _state = YencDecodeState.Initial;

    /// <summary>Creates a decoder positioned just after a header line.</summary>
    /// <param name="dotStuffed">Input is the raw NNTP body: remove stuffed dots and stop at CRLF.CRLF.</param>
    public YencDecoder(bool dotStuffed = false)
    {
        DotStuffed = dotStuffed;
    }

    /// <summary>True when the input is dot-stuffed NNTP data.</summary>
    public bool DotStuffed { get; }

    /// <summary>True when the last byte seen was an '=' whose escaped byte has not arrived.</summary>
    public bool IsEscapePending => _state.Escape;

    /// <summary>The implementation used; tests set it to compare each path with the scalar one.</summary>
    internal YencSimdPath Path { get; set; } = YencSimd.Best;

    /// <summary>Forgets all state, as at the start of a part's data.</summary>
    public void Reset() => _state = YencDecodeState.Initial;

    /// <summary>
    /// Decodes from <paramref name="source"/> into <paramref name="destination"/>. Output is never longer
    /// than the input consumed; with 64 bytes of room beyond that, the SIMD path runs to the very end.
    /// </summary>
    public YencDecodeStatus Decode(ReadOnlySpan<byte> source, Span<byte> destination, out int consumed, out int written)
    {
        var limited = source.Length > destination.Length;
        var input = limited ? source[..destination.Length] : source;
        var i = 0;
        var o = 0;
        var status = Path == YencSimdPath.Scalar
            ? YencDecoderScalar.Decode(ref _state, input, destination, DotStuffed, ref i, ref o, input.Length)
            : YencDecoderSimd.Decode(Path, ref _state, input, destination, DotStuffed, ref i, ref o);
        consumed = i;
        written = o;
        if (status == YencDecodeStatus.NeedMoreData && limited)
            return YencDecodeStatus.DestinationTooSmall;
        return status;
    }
}
