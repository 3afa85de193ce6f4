using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Inet.Codecs.Yenc;

/// <summary>
/// 16 bytes per step with SSSE3 or NEON (or any accelerated Vector128): the 256-bit kernel's logic,
/// packing 8 bytes at a time through a table shuffle.
/// </summary>
internal static class YencDecodeKernel128
{
    private const int Width = 16;
    private const ulong SecondGroup = 0x0808080808080808;

    /// <summary>Decodes whole blocks; returns true when it stopped at a block the scalar decoder must do.</summary>
    public static bool Run<TMode>(ReadOnlySpan<byte> src, Span<byte> dst, ref int i, ref int o, bool escape)
        where TMode : struct, IYencDecodeMode
    {
        ref var s0 = ref MemoryMarshal.GetReference(src);
        ref var d0 = ref MemoryMarshal.GetReference(dst);
        ref var lut = ref MemoryMarshal.GetArrayDataReference(YencShuffleTables.Compact);
        var p = i;
        var q = o;
        var lastLoad = src.Length - Width;
        var lastStore = dst.Length - Width;
        var vEq = Vector128.Create((byte)'=');
        var vCr = Vector128.Create((byte)'\r');
        var vLf = Vector128.Create((byte)'\n');
        var vDot = Vector128.Create((byte)'.');
        var v42 = Vector128.Create((byte)42);
        var v64 = Vector128.Create((byte)64);
        var declined = false;
        while (p <= lastLoad && q <= lastStore)
        {
            var v = Vector128.LoadUnsafe(ref s0, (nuint)p);
            var prev = Vector128.LoadUnsafe(ref Unsafe.Add(ref s0, p - 1));
            var eqV = Vector128.Equals(v, vEq);
            var prevEqV = Vector128.Equals(prev, vEq);
            var lineV = Vector128.Equals(v, vCr) | Vector128.Equals(v, vLf);
            var dotV = TMode.IsRaw ? Vector128.Equals(v, vDot) : Vector128<byte>.Zero;
            if (Vector128.EqualsAll(eqV | prevEqV | lineV | dotV, Vector128<byte>.Zero))
            {
                (v - v42).StoreUnsafe(ref d0, (nuint)q);
                p += Width;
                q += Width;
                escape = false;
                continue;
            }
            var eq = eqV.ExtractMostSignificantBits();
            var prevEq = prevEqV.ExtractMostSignificantBits();
            if ((eq & prevEq) != 0 || ((prevEq & 1) != 0) != escape)
            {
                declined = true;
                break;
            }
            var prevLfV = Vector128.Equals(prev, vLf);
            var remove = Vector128.AndNot(eqV | lineV, prevEqV);
            var candidates = (prevLfV & (eqV | dotV)).ExtractMostSignificantBits();
            if (candidates != 0)
            {
                if (YencDecoderSimd.CandidatesNeedScalar(src, p, candidates, TMode.IsRaw))
                {
                    declined = true;
                    break;
                }
                // A stuffed dot follows CRLF, so it is always a candidate: look further back only then.
                if (TMode.IsRaw)
                {
                    var prev2 = Vector128.LoadUnsafe(ref Unsafe.Add(ref s0, p - 2));
                    remove |= dotV & prevLfV & Vector128.Equals(prev2, vCr);
                }
            }
            var decoded = v - v42 - (prevEqV & v64);
            var keep = ~remove.ExtractMostSignificantBits() & 0xFFFF;
            var k0 = keep & 0xFF;
            var k1 = keep >> 8;
            var control = Vector128.Create(Unsafe.Add(ref lut, k0), Unsafe.Add(ref lut, k1) + SecondGroup).AsByte();
            var packed = Shuffle(decoded, control).AsUInt64();
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d0, q), packed.GetElement(0));
            q += BitOperations.PopCount(k0);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d0, q), packed.GetElement(1));
            q += BitOperations.PopCount(k1);
            escape = (eq >> 15) != 0;
            p += Width;
        }
        i = p;
        o = q;
        return declined;
    }

    /// <summary>Byte shuffle; indices with the top bit set (0x80) give zero on every backend.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<byte> Shuffle(Vector128<byte> value, Vector128<byte> control)
    {
        if (Ssse3.IsSupported)
            return Ssse3.Shuffle(value, control);
        if (AdvSimd.Arm64.IsSupported)
            return AdvSimd.Arm64.VectorTableLookup(value, control);
        return Vector128.Shuffle(value, control);
    }
}
