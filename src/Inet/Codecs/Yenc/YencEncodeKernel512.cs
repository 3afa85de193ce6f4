using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Inet.Codecs.Yenc;

/// <summary>
/// 32 input bytes per step with AVX-512 VBMI/VBMI2: add 42, find NUL/LF/CR/'=', spread each byte
/// into an ('=', byte) slot pair with vpermb, and vpcompressb keeps the '=' slots of escaped bytes only.
/// </summary>
internal static class YencEncodeKernel512
{
    private const int Width = 32;

    private static readonly Vector512<byte> DataIndex = Indices(0);
    private static readonly Vector512<byte> FlagIndex = Indices(32);
    private static readonly Vector512<byte> EvenSlots = Alternate(0xFF, 0x00);
    private static readonly Vector512<byte> OddSlots = Alternate(0x00, 0xFF);

    /// <summary>
    /// Encodes src[i..end) while there is input for a whole block and room for its output; the first and
    /// last byte of each line (where '.', TAB and space need escaping) go through the scalar step.
    /// </summary>
    public static void Run(ReadOnlySpan<byte> src, Span<byte> dst, int lineLength, ref int column, ref int i, ref int o, int end)
    {
        ref var s0 = ref MemoryMarshal.GetReference(src);
        ref var d0 = ref MemoryMarshal.GetReference(dst);
        var p = i;
        var q = o;
        var col = column;
        var v42 = Vector256.Create((byte)42);
        var v64 = Vector256.Create((byte)64);
        var vLf = Vector256.Create((byte)'\n');
        var vCr = Vector256.Create((byte)'\r');
        var vEq = Vector256.Create((byte)'=');
        var wideEq = Vector512.Create((byte)'=');
        // Copied to locals: reading a static Vector512 inside the loop costs a helper call each time.
        var dataIndex = DataIndex;
        var flagIndex = FlagIndex;
        var evenSlots = EvenSlots;
        var oddSlots = OddSlots;
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
                var both = Vector512.Create(c + (escV & v64), escV);
                var data = Avx512Vbmi.PermuteVar64x8(both, dataIndex);
                var flags = Avx512Vbmi.PermuteVar64x8(both, flagIndex);
                var slots = Vector512.ConditionalSelect(evenSlots, wideEq, data);
                Avx512Vbmi2.Compress(Vector512<byte>.Zero, oddSlots | flags, slots).StoreUnsafe(ref d0, (nuint)q);
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

    private static Vector512<byte> Indices(int offset)
    {
        Span<byte> bytes = stackalloc byte[64];
        for (var k = 0; k < 64; k++)
            bytes[k] = (byte)(offset + k / 2);
        return Vector512.Create((ReadOnlySpan<byte>)bytes);
    }

    private static Vector512<byte> Alternate(byte even, byte odd)
    {
        Span<byte> bytes = stackalloc byte[64];
        for (var k = 0; k < 64; k++)
            bytes[k] = (k & 1) == 0 ? even : odd;
        return Vector512.Create((ReadOnlySpan<byte>)bytes);
    }
}
