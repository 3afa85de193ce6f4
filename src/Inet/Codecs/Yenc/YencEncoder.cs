using System.Buffers;

namespace Inet.Codecs.Yenc;

/// <summary>
/// Streaming yEnc encoder for the data lines of a part (the frame is written by <c>YencPartWriter</c>).
/// Its output needs no NNTP dot-stuffing: a '.' that starts a line is escaped. SIMD where available.
/// </summary>
public sealed class YencEncoder
{
    /// <summary>The customary line length.</summary>
    public const int DefaultLineLength = 128;

    private int _column;

    /// <summary>Creates an encoder writing lines of <paramref name="lineLength"/> characters (one more when a line ends in an escape).</summary>
    public YencEncoder(int lineLength = DefaultLineLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lineLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lineLength, 1 << 20);
        LineLength = lineLength;
    }

    /// <summary>Characters per line.</summary>
    public int LineLength { get; }

    /// <summary>Characters written so far on the current line.</summary>
    public int Column => _column;

    /// <summary>The implementation used; tests set it to compare each path with the scalar one.</summary>
    internal YencSimdPath Path { get; set; } = YencSimd.Best;

    /// <summary>Starts a new part: the next byte begins a line.</summary>
    public void Reset() => _column = 0;

    /// <summary>A destination size that always suffices for <paramref name="length"/> input bytes, final CRLF included.</summary>
    public static int GetMaxEncodedLength(int length, int lineLength = DefaultLineLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfLessThan(lineLength, 1);
        var data = 2L * length;
        var lines = data / lineLength + 2;
        var total = data + 2 * lines + 128;
        return total > int.MaxValue ? throw new ArgumentOutOfRangeException(nameof(length)) : (int)total;
    }

    /// <summary>
    /// Encodes <paramref name="source"/>. When not <paramref name="isFinalBlock"/> the last byte is held back
    /// (it may need a line-end escape), so pass it again; the final block also ends the last line with CRLF.
    /// </summary>
    public OperationStatus Encode(ReadOnlySpan<byte> source, Span<byte> destination, out int consumed, out int written, bool isFinalBlock = true)
    {
        var end = isFinalBlock ? source.Length : Math.Max(0, source.Length - 1);
        var lastIndex = isFinalBlock ? source.Length - 1 : -1;
        var i = 0;
        var o = 0;
        var complete = Path == YencSimdPath.Scalar
            ? YencEncoderScalar.Encode(source, destination, LineLength, lastIndex, ref _column, ref i, ref o, end)
            : EncodeSimd(source, destination, lastIndex, ref i, ref o, end);
        if (complete && isFinalBlock && _column > 0)
        {
            if (destination.Length - o < 2)
            {
                complete = false;
            }
            else
            {
                destination[o++] = (byte)'\r';
                destination[o++] = (byte)'\n';
                _column = 0;
            }
        }
        consumed = i;
        written = o;
        if (!complete)
            return OperationStatus.DestinationTooSmall;
        return isFinalBlock ? OperationStatus.Done : OperationStatus.NeedMoreData;
    }

    private bool EncodeSimd(ReadOnlySpan<byte> src, Span<byte> dst, int lastIndex, ref int i, ref int o, int end)
    {
        // The final byte of the data always goes through the scalar encoder (trailing-space rule).
        var simdEnd = lastIndex >= 0 ? end - 1 : end;
        switch (Path)
        {
            case YencSimdPath.Vector512 when LineLength >= YencEncodeKernel512.MinLineLength:
                YencEncodeKernel512.Run(src, dst, LineLength, ref _column, ref i, ref o, simdEnd);
                break;
            case YencSimdPath.Vector512:
                YencEncodeKernel512Short.Run(src, dst, LineLength, ref _column, ref i, ref o, simdEnd);
                break;
            case YencSimdPath.Vector256:
                YencEncodeKernel.Run<YencEncodeBlock256>(src, dst, LineLength, ref _column, ref i, ref o, simdEnd);
                break;
            default:
                YencEncodeKernel.Run<YencEncodeBlock128>(src, dst, LineLength, ref _column, ref i, ref o, simdEnd);
                break;
        }
        return YencEncoderScalar.Encode(src, dst, LineLength, lastIndex, ref _column, ref i, ref o, end);
    }
}
