using System.Runtime.CompilerServices;

namespace Inet.Codecs.Yenc;

/// <summary>
/// The bytes the SIMD encoders escape only at a line's edges: TAB and space ending a line, and TAB, space
/// and '.' starting one (so the output never needs NNTP dot-stuffing).
/// </summary>
internal static class YencLineEdges
{
    /// <summary>Class bit: the input byte encodes to TAB or space.</summary>
    public const int EndOfLine = 1;

    /// <summary>Class bit: the input byte encodes to TAB, space or '.'; 2 so that shifting it by a byte's index marks the next byte.</summary>
    public const int StartOfLine = 2;

    /// <summary>Class bits of each input byte (before the +42).</summary>
    public static readonly byte[] Class = BuildClass();

    /// <summary>
    /// For each input byte as the last of a line: its output with the line-end escapes (NUL, LF, CR, '=', TAB,
    /// space) followed by CRLF, little-endian in 3 or 4 bytes; bit 27 (from the LF in the top byte) is set exactly
    /// when it takes 4, so the length is <c>3 + (value &gt;&gt; 27)</c>.
    /// </summary>
    public static readonly uint[] LastWithCrLf = BuildLastWithCrLf();

    /// <summary>
    /// Writes a line's first byte at <paramref name="dst"/> and returns its length (1, or 2 when escaped). Never
    /// ends the line: the callers' lines are long.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int EncodeFirst(byte input, ref byte dst)
    {
        var c = (byte)(input + 42);
        if (c is 0 or (byte)'\n' or (byte)'\r' or (byte)'=' or (byte)'\t' or (byte)' ' or (byte)'.')
        {
            dst = (byte)'=';
            Unsafe.Add(ref dst, 1) = (byte)(c + 64);
            return 2;
        }
        dst = c;
        return 1;
    }

    private static uint[] BuildLastWithCrLf()
    {
        var table = new uint[256];
        for (var b = 0; b < 256; b++)
        {
            var c = (byte)(b + 42);
            table[b] = c is 0 or (byte)'\n' or (byte)'\r' or (byte)'=' or (byte)'\t' or (byte)' '
                ? '=' | (uint)(byte)(c + 64) << 8 | '\r' << 16 | (uint)'\n' << 24
                : c | (uint)'\r' << 8 | (uint)'\n' << 16;
        }
        return table;
    }

    private static byte[] BuildClass()
    {
        var table = new byte[256];
        for (var b = 0; b < 256; b++)
        {
            var c = (byte)(b + 42);
            if (c is (byte)'\t' or (byte)' ')
                table[b] = EndOfLine | StartOfLine;
            else if (c == (byte)'.')
                table[b] = StartOfLine;
        }
        return table;
    }
}
