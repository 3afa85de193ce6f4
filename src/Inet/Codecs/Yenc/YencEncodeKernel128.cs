using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Inet.Codecs.Yenc;

/// <summary>
/// 16 input bytes per step with SSSE3/NEON: blocks without escapes are stored as is; otherwise each
/// group of 8 bytes is spread by a table shuffle that also inserts the '=' signs.
/// </summary>
internal static class YencEncodeKernel128
{
    private const int Width = 16;
    private const ulong EightEquals = 0x3D3D3D3D3D3D3D3D;

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
        var v42 = Vector128.Create((byte)42);
        var v64 = Vector128.Create((byte)64);
        var vLf = Vector128.Create((byte)'\n');
        var vCr = Vector128.Create((byte)'\r');
        var vEq = Vector128.Create((byte)'=');
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
            var c = Vector128.LoadUnsafe(ref s0, (nuint)p) + v42;
            var escV = Vector128.Equals(c, Vector128<byte>.Zero) | Vector128.Equals(c, vLf) | Vector128.Equals(c, vCr) | Vector128.Equals(c, vEq);
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
                var adjusted = (c + (escV & v64)).AsUInt64();
                var m0 = esc & 0xFF;
                var m1 = esc >> 8;
                var at = q;
                at += ExpandGroup(adjusted.GetElement(0), m0, ref lut, ref Unsafe.Add(ref d0, at));
                ExpandGroup(adjusted.GetElement(1), m1, ref lut, ref Unsafe.Add(ref d0, at));
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

    /// <summary>Expands 8 bytes, inserting '=' before each escaped one; returns the bytes written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ExpandGroup(ulong group, uint mask, ref ulong lut, ref byte dst)
    {
        var source = Vector128.Create(group, EightEquals).AsByte();
        var control = Vector128.Create(Unsafe.Add(ref lut, 2 * mask), Unsafe.Add(ref lut, 2 * mask + 1)).AsByte();
        YencDecodeLanes128.Shuffle(source, control).StoreUnsafe(ref dst);
        return 8 + BitOperations.PopCount(mask);
    }
}
