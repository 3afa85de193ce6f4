using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Inet.Codecs.Yenc;

/// <summary>
/// 64 input bytes per step with AVX-512 VBMI2, as two 32-byte halves: add 42, find the bytes to escape with
/// vpermb and a compare, and spread each half over '=' signs with vpexpandb. The input always advances by 64,
/// so loads never wait on line-end arithmetic: a block that ends a line stores the rest of the half holding
/// the line end again, two bytes further on, and puts CRLF in the gap.
/// </summary>
internal static class YencEncodeKernel512
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
    // One long loop on purpose: moving the common line end into a helper cost ~5% (the JIT then kept the
    // output base in memory), and a call with the positions by ref made it keep them in memory (-20%).
    public static void Run(ReadOnlySpan<byte> src, Span<byte> dst, int lineLength, ref int column, ref int i, ref int o, int end)
    {
        ref var s0 = ref MemoryMarshal.GetReference(src);
        ref var d0 = ref MemoryMarshal.GetReference(dst);
        ref var edgeClass = ref MemoryMarshal.GetArrayDataReference(YencLineEdges.Class);
        nint p = i;
        nint q = o;
        var col = column;
        var v42 = Vector256.Create((byte)42);
        var v64 = Vector256.Create((byte)64);
        var v31 = Vector256.Create((byte)31);
        var critical = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(CriticalTable));
        var equalSigns = Vector256.Create((byte)'=');
        var equalSignsWide = Vector512.Create((byte)'=');
        var iota = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(Iota));
        var iotaHalf = iota.GetLower();
        var masks = YencMaskVector.Create();
        nint pLast = end - Width;
        nint qLast = dst.Length - MaxWrite;
        if (col == 0 && p <= pLast && q <= qLast)
        {
            col = YencLineEdges.EncodeFirst(Unsafe.Add(ref s0, p++), ref Unsafe.Add(ref d0, q));
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
                    // An escape pushes the half's last byte out of the 32-byte vector, to output byte 32.
                    YencExpand512.Few(permLow, low, encodedLow, equalSigns).StoreUnsafe(ref out0);
                    Unsafe.Add(ref out0, Half) = encodedLow.GetElement(Half - 1);
                    YencExpand512.Few(permHigh, high, encodedHigh, equalSigns).StoreUnsafe(ref out1);
                    Unsafe.Add(ref out1, Half) = encodedHigh.GetElement(Half - 1);
                }
                else
                {
                    YencExpand512.Any(encodedLow, escLow, equalSignsWide, masks).StoreUnsafe(ref out0);
                    YencExpand512.Any(encodedHigh, escHigh, equalSignsWide, masks).StoreUnsafe(ref out1);
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
            var last = (few ? YencExpand512.LastByteFew(escHalf, roomHalf) : YencExpand512.LastByte(escHalf, roomHalf)) + (inHigh ? Half : 0);
            // TAB or space ending the line, and TAB, space or '.' starting the next one inside this block, are
            // escaped too (rare); neither moves this line's end, as its last byte ends it either way.
            var edges = (Unsafe.Add(ref edgeClass, Unsafe.Add(ref s0, start + last)) & YencLineEdges.EndOfLine)
                | (Unsafe.Add(ref edgeClass, Unsafe.Add(ref s0, start + Math.Min(last + 1, Width - 1)))
                    & (last < Width - 1 ? YencLineEdges.StartOfLine : 0));
            int cut;
            if (few && edges == 0)
            {
                // Both halves as usual, CRLF after the line's bytes, and the rest of the cut half again two bytes on.
                cut = last + 1 + BitOperations.PopCount(Bmi2.X64.ZeroHighBits(esc, (ulong)(last + 1)));
                var lowOut = YencExpand512.Few(permLow, low, encodedLow, equalSigns);
                var highOut = YencExpand512.Few(permHigh, high, encodedHigh, equalSigns);
                var split = q + outLow;
                lowOut.StoreUnsafe(ref d0, (nuint)q);
                Unsafe.Add(ref d0, q + Half) = encodedLow.GetElement(Half - 1);
                if (last < Half)
                {
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref d0, q + cut), (ushort)0x0A0D);
                    YencExpand512.FewTail(lowOut, encodedLow, cut, iotaHalf, v31).StoreUnsafe(ref d0, (nuint)(q + cut + 2));
                    highOut.StoreUnsafe(ref d0, (nuint)(split + 2));
                    Unsafe.Add(ref d0, split + 2 + Half) = encodedHigh.GetElement(Half - 1);
                }
                else
                {
                    highOut.StoreUnsafe(ref d0, (nuint)split);
                    Unsafe.Add(ref d0, split + Half) = encodedHigh.GetElement(Half - 1);
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref d0, q + cut), (ushort)0x0A0D);
                    YencExpand512.FewTail(highOut, encodedHigh, cut - outLow, iotaHalf, v31).StoreUnsafe(ref d0, (nuint)(q + cut + 2));
                }
            }
            else
            {
                if (edges != 0)
                {
                    esc |= ((ulong)(edges & YencLineEdges.EndOfLine) << last) | ((ulong)(edges & YencLineEdges.StartOfLine) << last);
                    var escAll = masks.FromClearBits(~esc);
                    encodedLow = low + (escAll.GetLower() & v64);
                    encodedHigh = high + (escAll.GetUpper() & v64);
                    total = Width + BitOperations.PopCount(esc);
                }
                cut = last + 1 + BitOperations.PopCount(Bmi2.X64.ZeroHighBits(esc, (ulong)(last + 1)));
                EndLineAny(ref Unsafe.Add(ref d0, q), encodedLow, encodedHigh, esc, cut, last < Half, equalSignsWide, masks, iota);
            }
            q += total + 2;
            col = total - cut;
            if (col == 0 && p <= pLast)
            {
                // The line ended on the block's last byte (once in ~64 lines): the next one starts here.
                col = YencLineEdges.EncodeFirst(Unsafe.Add(ref s0, p++), ref Unsafe.Add(ref d0, q));
                q += col;
            }
        }
        i = (int)p;
        o = (int)q;
        column = col;
    }

    /// <summary>
    /// Writes a line-end block with any escapes <paramref name="esc"/> (line-edge ones included, and already in the
    /// encoded halves): both halves
    /// by pdep/pext masks, CRLF after the first <paramref name="cut"/> output bytes, the rest of the cut half again
    /// two bytes on.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EndLineAny(
        ref byte out0, Vector256<byte> encodedLow, Vector256<byte> encodedHigh, ulong esc, int cut, bool cutInLow,
        Vector512<byte> equalSigns, YencMaskVector masks, Vector512<byte> iota)
    {
        var lowOut = YencExpand512.Any(encodedLow, (uint)esc, equalSigns, masks);
        var highOut = YencExpand512.Any(encodedHigh, (uint)(esc >> 32), equalSigns, masks);
        var outLow = Half + BitOperations.PopCount((uint)esc);
        lowOut.StoreUnsafe(ref out0);
        if (cutInLow)
        {
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref out0, cut), (ushort)0x0A0D);
            Avx512Vbmi.PermuteVar64x8(lowOut, iota + Vector512.Create((byte)cut)).StoreUnsafe(ref Unsafe.Add(ref out0, cut + 2));
            highOut.StoreUnsafe(ref Unsafe.Add(ref out0, outLow + 2));
        }
        else
        {
            highOut.StoreUnsafe(ref Unsafe.Add(ref out0, outLow));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref out0, cut), (ushort)0x0A0D);
            Avx512Vbmi.PermuteVar64x8(highOut, iota + Vector512.Create((byte)(cut - outLow))).StoreUnsafe(ref Unsafe.Add(ref out0, cut + 2));
        }
    }
}
