using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Inet.Codecs.Yenc;

/// <summary>
/// 32 input bytes per step with AVX2: blocks without escapes are stored as is; otherwise each group of
/// 8 bytes is spread by an in-lane shuffle from <see cref="YencShuffleTables.Expand"/>, which also
/// pulls in the '=' signs.
/// </summary>
internal static class YencEncodeKernel256
{
    private const int Width = 32;

    /// <summary>
    /// Encodes src[i..end) while there is input for a whole block and room for its output; the first and
    /// last byte of each line (where '.', TAB and space need escaping) go through the scalar step.
    /// </summary>
    public static void Run(ReadOnlySpan<byte> src, Span<byte> dst, int lineLength, ref int column, ref int i, ref int o, int end)
    {
        ref var s0 = ref MemoryMarshal.GetReference(src);
        ref var d0 = ref MemoryMarshal.GetReference(dst);
        ref var lut = ref MemoryMarshal.GetArrayDataReference(YencShuffleTables.Expand);
        var p = i;
        var q = o;
        var col = column;
        var v42 = Vector256.Create((byte)42);
        var v64 = Vector256.Create((byte)64);
        var vLf = Vector256.Create((byte)'\n');
        var vCr = Vector256.Create((byte)'\r');
        var vEq = Vector256.Create((byte)'=');
        var lineEnds = false;
        while (p < end && dst.Length - q >= 2 * Width + 32)
        {
            if (col == 0 || lineEnds)
            {
                YencEncoderScalar.EncodeOne(src[p], dst, lineLength, false, ref col, ref q);
                p++;
                lineEnds = false;
                continue;
            }
            if (p + Width > end)
                break;
            var c = Vector256.LoadUnsafe(ref s0, (nuint)p) + v42;
            var escV = Vector256.Equals(c, Vector256<byte>.Zero) | Vector256.Equals(c, vLf) | Vector256.Equals(c, vCr) | Vector256.Equals(c, vEq);
            var esc = escV.ExtractMostSignificantBits();
            var room = lineLength - col;
            int taken;
            int produced;
            if (esc == 0)
            {
                c.StoreUnsafe(ref d0, (nuint)q);
                taken = room > Width ? Width : room - 1;
                produced = taken;
            }
            else
            {
                var adjusted = c + (escV & v64);
                var at = q;
                at += ExpandHalf(adjusted.GetLower(), esc & 0xFFFF, vEq, ref lut, ref Unsafe.Add(ref d0, at));
                ExpandHalf(adjusted.GetUpper(), esc >> 16, vEq, ref lut, ref Unsafe.Add(ref d0, at));
                var last = YencEncodeLines.LastCharIndex(esc, Width, room);
                taken = last < 0 ? Width : last;
                produced = taken + BitOperations.PopCount(last < 0 ? esc : esc & ((1u << last) - 1));
            }
            p += taken;
            q += produced;
            col += produced;
            // The byte at p (if the block stopped early) ends the line.
            lineEnds = taken < Width;
        }
        i = p;
        o = q;
        column = col;
    }

    /// <summary>Expands 16 bytes (two groups of 8) and returns how many bytes it wrote.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ExpandHalf(Vector128<byte> half, uint mask, Vector256<byte> equals, ref ulong lut, ref byte dst)
    {
        var m0 = mask & 0xFF;
        var m1 = mask >> 8;
        // Lane 0 = (group 0, '=' x 8), lane 1 = (group 1, '=' x 8), for the in-lane shuffle.
        var spread = Avx2.Permute4x64(half.ToVector256Unsafe().AsUInt64(), 0b_01_01_00_00);
        var lanes = Avx2.Blend(spread.AsUInt32(), equals.AsUInt32(), 0b_1100_1100).AsByte();
        var control = Vector256.Create(
            Unsafe.Add(ref lut, 2 * m0), Unsafe.Add(ref lut, 2 * m0 + 1),
            Unsafe.Add(ref lut, 2 * m1), Unsafe.Add(ref lut, 2 * m1 + 1)).AsByte();
        var expanded = Avx2.Shuffle(lanes, control);
        expanded.GetLower().StoreUnsafe(ref dst);
        var first = 8 + BitOperations.PopCount(m0);
        expanded.GetUpper().StoreUnsafe(ref Unsafe.Add(ref dst, first));
        return first + 8 + BitOperations.PopCount(m1);
    }
}
