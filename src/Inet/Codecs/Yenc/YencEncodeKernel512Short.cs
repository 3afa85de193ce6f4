using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Inet.Codecs.Yenc;

/// <summary>
/// 32 input bytes per step with AVX-512 VBMI2: add 42, find the bytes to escape (NUL, LF, CR, '=' and,
/// at the edges of a line, '.', TAB and space), work out with pdep/pext where the data bytes land once an
/// '=' is inserted before each escaped one, and vpexpandb spreads them there over a vector of '='.
/// A line end inside the block cuts the output there and appends CRLF, and the next block starts after it;
/// used for lines shorter than <see cref="YencEncodeKernel512.MinLineLength"/>, which can end twice in its 64-byte block.
/// </summary>
internal static class YencEncodeKernel512Short
{
    private const int Width = 32;

    // 0xFF at index 32 only: loading 32 bytes from (32 - k) puts it at byte k.
    private static ReadOnlySpan<byte> OneHot =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ];

    // Indexed by a byte's low 5 bits: NUL, LF, CR and '=' at their own slots (0, 10, 13, 29 differ), elsewhere
    // a value whose low 5 bits are not the slot's, so one vpermb and one compare find the bytes to escape.
    private static ReadOnlySpan<byte> CriticalTable =>
    [
        0, 2, 3, 4, 5, 6, 7, 8, 9, 10, (byte)'\n', 12, 13, (byte)'\r', 15, 16,
        17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, (byte)'=', 31, 0,
    ];

    /// <summary>
    /// Encodes src[i..end) while there is input for a whole block and room for its output; the caller
    /// encodes the rest (and the data's final byte) with the scalar encoder.
    /// </summary>
    public static void Run(ReadOnlySpan<byte> src, Span<byte> dst, int lineLength, ref int column, ref int i, ref int o, int end)
    {
        ref var s0 = ref MemoryMarshal.GetReference(src);
        ref var d0 = ref MemoryMarshal.GetReference(dst);
        ref var oneHot = ref MemoryMarshal.GetReference(OneHot);
        var p = i;
        var q = o;
        var col = column;
        var v42 = Vector256.Create((byte)42);
        var v64 = Vector256.Create((byte)64);
        var critical = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(CriticalTable));
        var vTab = Vector256.Create((byte)'\t');
        var vSpace = Vector256.Create((byte)' ');
        var vDot = Vector256.Create((byte)'.');
        var equalSigns = Vector512.Create((byte)'=');
        var masks = YencMaskVector.Create();
        while (p + Width <= end && dst.Length - q >= 2 * Width + 32)
        {
            var c = Vector256.LoadUnsafe(ref s0, (nuint)p) + v42;
            var escV = Vector256.Equals(Avx512Vbmi.VL.PermuteVar32x8(critical, c), c);
            if (col == 0)
                escV |= (Vector256.Equals(c, vTab) | Vector256.Equals(c, vSpace) | Vector256.Equals(c, vDot)) & Vector256.LoadUnsafe(ref oneHot, 32);
            var esc = escV.ExtractMostSignificantBits();
            var last = YencEncodeLines.LastCharIndex(esc, Width, lineLength - col);
            if (last >= 0)
            {
                // The line's last byte: TAB or space there is escaped too (its own escape does not move the end).
                escV |= (Vector256.Equals(c, vTab) | Vector256.Equals(c, vSpace)) & Vector256.LoadUnsafe(ref oneHot, (nuint)(32 - last));
                esc = escV.ExtractMostSignificantBits();
            }
            // Output positions of the data bytes: each input byte takes one slot, two when escaped ('=' first).
            var spread = Bmi2.X64.ParallelBitDeposit(esc, 0x5555555555555555UL);
            var eqOut = Bmi2.X64.ParallelBitExtract(spread, 0xAAAAAAAAAAAAAAAAUL | spread);
            var dataMask = masks.FromClearBits(eqOut);
            Avx512Vbmi2.Expand(equalSigns, dataMask, (c + (escV & v64)).ToVector512Unsafe()).StoreUnsafe(ref d0, (nuint)q);
            if (last < 0)
            {
                var produced = Width + BitOperations.PopCount(esc);
                p += Width;
                q += produced;
                col += produced;
            }
            else
            {
                q += last + 1 + BitOperations.PopCount(esc & (uint)((2UL << last) - 1));
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref d0, q), (ushort)0x0A0D);
                q += 2;
                p += last + 1;
                col = 0;
            }
        }
        i = p;
        o = q;
        column = col;
    }
}
