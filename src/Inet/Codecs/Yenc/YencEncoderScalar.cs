using System.Runtime.CompilerServices;

namespace Inet.Codecs.Yenc;

/// <summary>
/// The reference encoder, one byte at a time; every SIMD path must produce exactly its output.
/// Output byte = input + 42; NUL, LF, CR and '=' are always escaped ('=' then byte + 64); '.' is
/// escaped at the start of a line (so no dot-stuffing is needed), TAB and space at its start and end.
/// A line ends (CRLF) as soon as it holds at least the line length.
/// </summary>
internal static class YencEncoderScalar
{
    /// <summary>
    /// Encodes one byte (up to 4 output bytes: escape and CRLF) at dst[o]; the SIMD kernels use it for the
    /// first and last byte of each line. <paramref name="isLast"/> marks the final byte of the data.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void EncodeOne(byte input, Span<byte> dst, int lineLength, bool isLast, ref int column, ref int o)
    {
        var c = (byte)(input + 42);
        bool escape;
        if (c is 0 or (byte)'\n' or (byte)'\r' or (byte)'=')
            escape = true;
        else if (c is (byte)'\t' or (byte)' ')
            escape = column == 0 || column + 1 >= lineLength || isLast;
        else
            escape = c == (byte)'.' && column == 0;
        if (escape)
        {
            dst[o++] = (byte)'=';
            dst[o++] = (byte)(c + 64);
            column += 2;
        }
        else
        {
            dst[o++] = c;
            column++;
        }
        if (column >= lineLength)
        {
            dst[o++] = (byte)'\r';
            dst[o++] = (byte)'\n';
            column = 0;
        }
    }

    /// <summary>
    /// Encodes source[i..end) at dst[o..]; <paramref name="lastIndex"/> is the index of the final byte
    /// of the data (-1 when not in this call). Returns false when dst has no room for the next byte.
    /// </summary>
    public static bool Encode(ReadOnlySpan<byte> src, Span<byte> dst, int lineLength, int lastIndex, ref int column, ref int i, ref int o, int end)
    {
        for (; i < end; i++)
        {
            if (dst.Length - o < 4)
                return false;
            EncodeOne(src[i], dst, lineLength, i == lastIndex, ref column, ref o);
        }
        return true;
    }
}
