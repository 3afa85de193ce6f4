using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Inet.Codecs.Yenc;

/// <summary>
/// 32 input bytes per step with AVX-512 VBMI2: add 42, find the bytes to escape with one vpermb and a
/// compare, place the data bytes with pdep/pext and vpexpandb over a vector of '='. The input always
/// advances by 32, so loads never wait for line-end arithmetic: a line end inside a block is written by
/// storing the block's output twice, the second copy shifted by two bytes to make room for CRLF.
/// </summary>
internal static class YencEncodeKernel512
{
    private const int Width = 32;

    /// <summary>Shortest line this kernel handles: one block (at most 64 output bytes) then ends at most one line.</summary>
    public const int MinLineLength = 2 * Width;

    // 0xFF at index 32 only: loading 32 bytes from (32 - k) puts it at byte k (none for k = 32).
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

    private static ReadOnlySpan<byte> Iota =>
    [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
        32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63,
    ];

    /// <summary>
    /// Encodes src[i..end) while there is input for a whole block and room for its output; the caller
    /// encodes the rest (and the data's final byte) with the scalar encoder. Needs
    /// <paramref name="lineLength"/> of at least <see cref="MinLineLength"/>.
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
        var iota = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(Iota));
        var masks = YencMaskVector.Create();
        // A line-end block writes up to 2 + 64 bytes past its output's end (see below).
        while (p + Width <= end && dst.Length - q >= 2 * Width + 2 + 2 * Width + 2)
        {
            var c = Vector256.LoadUnsafe(ref s0, (nuint)p) + v42;
            var escV = Vector256.Equals(Avx512Vbmi.VL.PermuteVar32x8(critical, c), c);
            if (col == 0)
            {
                // Rare: the previous block ended a line on its last byte, or this call starts a line.
                escV |= (Vector256.Equals(c, vTab) | Vector256.Equals(c, vSpace) | Vector256.Equals(c, vDot)) & Vector256.LoadUnsafe(ref oneHot, 32);
            }
            var esc = escV.ExtractMostSignificantBits();
            var total = Width + BitOperations.PopCount(esc);
            p += Width;
            if (col + total < lineLength)
            {
                Expand(c, escV, esc, equalSigns, v64, masks).StoreUnsafe(ref d0, (nuint)q);
                q += total;
                col += total;
                continue;
            }

            // The line ends at the byte whose output reaches `room` characters: the room-th set bit of the
            // slot map (two slots per byte, the '=' one set only when escaped).
            var room = lineLength - col;
            var slots = 0xAAAAAAAAAAAAAAAAUL | Bmi2.X64.ParallelBitDeposit(esc, 0x5555555555555555UL);
            var last = BitOperations.TrailingZeroCount(Bmi2.X64.ParallelBitDeposit(1UL << (room - 1), slots)) >> 1;
            // TAB or space ending the line, and TAB, space or '.' starting the next one, are escaped too; neither
            // moves this line's end (the last byte ends it either way).
            var tabSpaceV = Vector256.Equals(c, vTab) | Vector256.Equals(c, vSpace);
            var tabSpace = tabSpaceV.ExtractMostSignificantBits();
            var lineStart = tabSpace | Vector256.Equals(c, vDot).ExtractMostSignificantBits();
            esc |= (tabSpace & (1u << last)) | (lineStart & (2u << last));
            escV |= (tabSpaceV & Vector256.LoadUnsafe(ref oneHot, (nuint)(32 - last)))
                | ((tabSpaceV | Vector256.Equals(c, vDot)) & Vector256.LoadUnsafe(ref oneHot, (nuint)(31 - last)));
            total = Width + BitOperations.PopCount(esc);
            // Output bytes of this line inside the block; CRLF goes after them and the rest moves up by two.
            var cut = last + 1 + BitOperations.PopCount(Bmi2.ZeroHighBits(esc, (uint)(last + 1)));
            var output = Expand(c, escV, esc, equalSigns, v64, masks);
            output.StoreUnsafe(ref d0, (nuint)q);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d0, q + cut), (ushort)0x0A0D);
            Avx512Vbmi.PermuteVar64x8(output, iota + Vector512.Create((byte)cut)).StoreUnsafe(ref d0, (nuint)(q + cut + 2));
            q += total + 2;
            col = total - cut;
        }
        i = p;
        o = q;
        column = col;
    }

    /// <summary>The block's output: each escaped byte gets '=' before it and 64 added (bytes past the output are junk).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> Expand(Vector256<byte> c, Vector256<byte> escV, uint esc, Vector512<byte> equalSigns, Vector256<byte> v64, YencMaskVector masks)
    {
        // Output positions of the data bytes: each input byte takes one slot, two when escaped ('=' first).
        var spread = Bmi2.X64.ParallelBitDeposit(esc, 0x5555555555555555UL);
        var eqOut = Bmi2.X64.ParallelBitExtract(spread, 0xAAAAAAAAAAAAAAAAUL | spread);
        return Avx512Vbmi2.Expand(equalSigns, masks.FromClearBits(eqOut), (c + (escV & v64)).ToVector512Unsafe());
    }
}
