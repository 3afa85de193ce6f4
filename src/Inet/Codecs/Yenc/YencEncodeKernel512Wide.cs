using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Inet.Codecs.Yenc;

/// <summary>
/// 64 input bytes per step with AVX-512 VBMI2: add 42, find the bytes to escape with one vpermb and a
/// compare, then each 32-byte half is spread by vpexpandb over a vector of '=' (positions from pdep/pext).
/// The input always advances by 64, so loads never wait on line-end arithmetic: a block that ends a line
/// stores the half holding the line end a second time, two bytes further on, and puts CRLF in the gap.
/// </summary>
internal static class YencEncodeKernel512Wide
{
    private const int Width = 64;
    private const int Half = 32;

    /// <summary>Shortest line this kernel handles: the bytes after a line end in a block (at most 63, so 126 output bytes) never end another.</summary>
    public const int MinLineLength = 2 * Width - 1;

    // Furthest a step writes past its start: both halves, CRLF, and a 64-byte store of the cut half.
    private const int MaxWrite = 2 * Width + 2 + Width;

    // Indexed by a byte's low 5 bits: NUL, LF, CR and '=' at their own slots (0, 10, 13, 29 differ), elsewhere
    // a value whose low 5 bits are not the slot's, so one vpermb and one compare find the bytes always escaped.
    private static ReadOnlySpan<byte> CriticalTable =>
    [
        0, 2, 3, 4, 5, 6, 7, 8, 9, 10, (byte)'\n', 12, 13, (byte)'\r', 15, 16,
        17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, (byte)'=', 31, 0,
    ];

    // EdgeClass bits: the input byte encodes to TAB or space (escaped ending a line), or to TAB, space or '.'
    // (escaped starting one). StartOfLine is 2 so that shifting it by the last byte's index marks the next byte.
    private const int EndOfLine = 1;
    private const int StartOfLine = 2;

    private static readonly byte[] EdgeClass = BuildEdgeClass();

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
        nint p = i;
        nint q = o;
        var col = column;
        var v42 = Vector256.Create((byte)42);
        var v64 = Vector256.Create((byte)64);
        var v31 = Vector256.Create((byte)31);
        var critical = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(CriticalTable));
        var equalSigns256 = Vector256.Create((byte)'=');
        var equalSigns = Vector512.Create((byte)'=');
        var iota = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(Iota));
        var iota256 = iota.GetLower();
        var masks = YencMaskVector.Create();
        nint pLast = end - Width;
        nint qLast = dst.Length - MaxWrite;
        ref var edgeClass = ref MemoryMarshal.GetArrayDataReference(EdgeClass);
        if (col == 0 && p <= pLast && q <= qLast)
        {
            col = EncodeLineStart(Unsafe.Add(ref s0, p++), ref Unsafe.Add(ref d0, q));
            q += col;
        }
        while (p <= pLast && q <= qLast)
        {
            var low = Vector256.LoadUnsafe(ref s0, (nuint)p) + v42;
            var high = Vector256.LoadUnsafe(ref s0, (nuint)(p + Half)) + v42;
            var permLow = Avx512Vbmi.VL.PermuteVar32x8(critical, low);
            var permHigh = Avx512Vbmi.VL.PermuteVar32x8(critical, high);
            var escLowV = Vector256.Equals(permLow, low);
            var escHighV = Vector256.Equals(permHigh, high);
            var escLow = escLowV.ExtractMostSignificantBits();
            var escHigh = escHighV.ExtractMostSignificantBits();
            var outLow = Half + BitOperations.PopCount(escLow);
            var total = outLow + Half + BitOperations.PopCount(escHigh);
            var start = p;
            p += Width;
            // An escaped byte is NUL, LF, CR or '=' (or TAB, space, '.'), all below 64, so adding 64 is an OR.
            var encodedLow = Avx512F.VL.TernaryLogic(low, escLowV, v64, 0xF8);
            var encodedHigh = Avx512F.VL.TernaryLogic(high, escHighV, v64, 0xF8);
            // At most one escape per half (83% of random blocks): the expand mask is the compare's complement,
            // so no integer mask has to be turned into a vector.
            var few = ((escLow & (escLow - 1)) | (escHigh & (escHigh - 1))) == 0;
            if (col + total < lineLength)
            {
                ref var out0 = ref Unsafe.Add(ref d0, q);
                ref var out1 = ref Unsafe.Add(ref out0, outLow);
                if (few)
                {
                    // 32-byte expands; an escape pushes the half's last byte out of the vector, to output byte 32.
                    ExpandFew(permLow, low, encodedLow, equalSigns256).StoreUnsafe(ref out0);
                    Unsafe.Add(ref out0, Half) = encodedLow.GetElement(Half - 1);
                    ExpandFew(permHigh, high, encodedHigh, equalSigns256).StoreUnsafe(ref out1);
                    Unsafe.Add(ref out1, Half) = encodedHigh.GetElement(Half - 1);
                }
                else
                {
                    ExpandHalf(encodedLow, escLow, equalSigns, masks).StoreUnsafe(ref out0);
                    ExpandHalf(encodedHigh, escHigh, equalSigns, masks).StoreUnsafe(ref out1);
                }
                q += total;
                col += total;
                continue;
            }

            // The line ends at the byte whose output reaches `room` characters.
            var room = lineLength - col;
            var esc = escLow | ((ulong)escHigh << 32);
            var inHigh = room > outLow;
            var escHalf = inHigh ? escHigh : escLow;
            var roomHalf = inHigh ? room - outLow : room;
            // With at most one escape in the half, that byte is roomHalf - 1, less one if the escape comes before it.
            var lastHalf = few
                ? roomHalf - 1 - BitOperations.PopCount(Bmi2.ZeroHighBits(escHalf, (uint)(roomHalf - 1)))
                : LastByte(escHalf, roomHalf);
            var last = lastHalf + (inHigh ? Half : 0);
            // TAB or space ending the line, and TAB, space or '.' starting the next one inside this block, are
            // escaped too; neither moves this line's end (its last byte ends it either way). Rare.
            var edgeEnd = Unsafe.Add(ref edgeClass, Unsafe.Add(ref s0, start + last)) & EndOfLine;
            var edgeStart = Unsafe.Add(ref edgeClass, Unsafe.Add(ref s0, start + Math.Min(last + 1, Width - 1))) & (last < Width - 1 ? StartOfLine : 0);
            var edges = edgeEnd | edgeStart;
            if (few && edges == 0)
            {
                // Output bytes of this line inside the block: CRLF goes after them, and the rest of that half's
                // output is stored again two bytes further on.
                var cutAt = last + 1 + BitOperations.PopCount(Bmi2.X64.ZeroHighBits(esc, (ulong)(last + 1)));
                var splitAt = q + outLow;
                var lowFew = ExpandFew(permLow, low, encodedLow, equalSigns256);
                var highFew = ExpandFew(permHigh, high, encodedHigh, equalSigns256);
                lowFew.StoreUnsafe(ref d0, (nuint)q);
                Unsafe.Add(ref d0, q + Half) = encodedLow.GetElement(Half - 1);
                if (last < Half)
                {
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref d0, q + cutAt), (ushort)0x0A0D);
                    TailFew(lowFew, encodedLow, cutAt, iota256, v31).StoreUnsafe(ref d0, (nuint)(q + cutAt + 2));
                    highFew.StoreUnsafe(ref d0, (nuint)(splitAt + 2));
                    Unsafe.Add(ref d0, splitAt + 2 + Half) = encodedHigh.GetElement(Half - 1);
                }
                else
                {
                    highFew.StoreUnsafe(ref d0, (nuint)splitAt);
                    Unsafe.Add(ref d0, splitAt + Half) = encodedHigh.GetElement(Half - 1);
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref d0, q + cutAt), (ushort)0x0A0D);
                    TailFew(highFew, encodedHigh, cutAt - outLow, iota256, v31).StoreUnsafe(ref d0, (nuint)(q + cutAt + 2));
                }
                q += total + 2;
                col = total - cutAt;
                if (col == 0 && p <= pLast)
                {
                    col = EncodeLineStart(Unsafe.Add(ref s0, p++), ref Unsafe.Add(ref d0, q));
                    q += col;
                }
                continue;
            }
            if (edges != 0)
            {
                esc |= ((ulong)(edges & EndOfLine) << last) | ((ulong)(edges & StartOfLine) << last);
                var escAll = masks.FromClearBits(~esc);
                encodedLow = low + (escAll.GetLower() & v64);
                encodedHigh = high + (escAll.GetUpper() & v64);
                total = Width + BitOperations.PopCount(esc);
                outLow = Half + BitOperations.PopCount((uint)esc);
            }
            var lowOut = ExpandHalf(encodedLow, (uint)esc, equalSigns, masks);
            var highOut = ExpandHalf(encodedHigh, (uint)(esc >> 32), equalSigns, masks);
            // Output bytes of this line inside the block: CRLF goes after them.
            var cut = last + 1 + BitOperations.PopCount(Bmi2.X64.ZeroHighBits(esc, (ulong)(last + 1)));
            lowOut.StoreUnsafe(ref d0, (nuint)q);
            if (last < Half)
            {
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref d0, q + cut), (ushort)0x0A0D);
                Avx512Vbmi.PermuteVar64x8(lowOut, iota + Vector512.Create((byte)cut)).StoreUnsafe(ref d0, (nuint)(q + cut + 2));
                highOut.StoreUnsafe(ref d0, (nuint)(q + outLow + 2));
            }
            else
            {
                highOut.StoreUnsafe(ref d0, (nuint)(q + outLow));
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref d0, q + cut), (ushort)0x0A0D);
                Avx512Vbmi.PermuteVar64x8(highOut, iota + Vector512.Create((byte)(cut - outLow))).StoreUnsafe(ref d0, (nuint)(q + cut + 2));
            }
            q += total + 2;
            col = total - cut;
            if (col == 0 && p <= pLast)
            {
                col = EncodeLineStart(Unsafe.Add(ref s0, p++), ref Unsafe.Add(ref d0, q));
                q += col;
            }
        }
        i = (int)p;
        o = (int)q;
        column = col;
    }

    /// <summary>
    /// Writes a line's first byte ('.', TAB and space are escaped there too) and returns its length: rare, as
    /// a block ends a line on its last byte once in ~64 lines. Lines are long, so it never ends one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int EncodeLineStart(byte input, ref byte dst)
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

    private static byte[] BuildEdgeClass()
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

    /// <summary>
    /// Index of the byte whose output reaches <paramref name="room"/> (1..output length) characters: the
    /// room-th set bit of the slot map, two slots per byte with the '=' one set only when escaped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int LastByte(uint esc, int room)
    {
        var slots = 0xAAAAAAAAAAAAAAAAUL | Bmi2.X64.ParallelBitDeposit(esc, 0x5555555555555555UL);
        return BitOperations.TrailingZeroCount(Bmi2.X64.ParallelBitDeposit(1UL << (room - 1), slots)) >> 1;
    }

    /// <summary>
    /// The first 32 output bytes of a half with at most one escape: the compare's complement is the expand mask
    /// (a fresh compare, so the JIT keeps it in a mask register). An escape pushes the half's last byte out.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> ExpandFew(Vector256<byte> permuted, Vector256<byte> raw, Vector256<byte> encoded, Vector256<byte> equalSigns)
    {
        var keep = Avx512BW.VL.CompareNotEqual(permuted, raw);
        return Avx512Vbmi2.VL.Expand(equalSigns, keep, encoded);
    }

    /// <summary>
    /// A half's output from byte <paramref name="from"/> on, for <see cref="ExpandFew"/>'s vector plus the
    /// pushed-out last encoded byte (output byte 32).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> TailFew(Vector256<byte> expanded, Vector256<byte> encoded, int from, Vector256<byte> iota, Vector256<byte> v31)
    {
        var lastByte = Avx512Vbmi.VL.PermuteVar32x8(encoded, v31);
        return Avx512Vbmi.VL.PermuteVar32x8x2(expanded, iota + Vector256.Create((byte)from), lastByte);
    }

    /// <summary>The output of 32 encoded bytes: '=' before each escaped one (bytes past the output are junk).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> ExpandHalf(Vector256<byte> encoded, uint esc, Vector512<byte> equalSigns, YencMaskVector masks)
    {
        // Output positions of the data bytes: each input byte takes one slot, two when escaped ('=' first).
        var spread = Bmi2.X64.ParallelBitDeposit(esc, 0x5555555555555555UL);
        var eqOut = Bmi2.X64.ParallelBitExtract(spread, 0xAAAAAAAAAAAAAAAAUL | spread);
        return Avx512Vbmi2.Expand(equalSigns, masks.FromClearBits(eqOut), encoded.ToVector512Unsafe());
    }
}
