using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Inet.Codecs.Yenc;

/// <summary>
/// 32 bytes per step with AVX2. Same masks as the 512-bit kernel; without a compress instruction the
/// kept bytes are packed 8 at a time with an in-lane shuffle from <see cref="YencShuffleTables.Compact"/>.
/// </summary>
internal static class YencDecodeKernel256
{
    private const int Width = 32;
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
        var vEq = Vector256.Create((byte)'=');
        var vCr = Vector256.Create((byte)'\r');
        var vLf = Vector256.Create((byte)'\n');
        var vDot = Vector256.Create((byte)'.');
        var v42 = Vector256.Create((byte)42);
        var v64 = Vector256.Create((byte)64);
        var declined = false;
        while (p <= lastLoad && q <= lastStore)
        {
            var v = Vector256.LoadUnsafe(ref s0, (nuint)p);
            var prev = Vector256.LoadUnsafe(ref Unsafe.Add(ref s0, p - 1));
            var eqV = Vector256.Equals(v, vEq);
            var prevEqV = Vector256.Equals(prev, vEq);
            var lineV = Vector256.Equals(v, vCr) | Vector256.Equals(v, vLf);
            var dotV = TMode.IsRaw ? Vector256.Equals(v, vDot) : Vector256<byte>.Zero;
            if (Vector256.EqualsAll(eqV | prevEqV | lineV | dotV, Vector256<byte>.Zero))
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
            var prevLfV = Vector256.Equals(prev, vLf);
            var remove = Vector256.AndNot(eqV | lineV, prevEqV);
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
                    var prev2 = Vector256.LoadUnsafe(ref Unsafe.Add(ref s0, p - 2));
                    remove |= dotV & prevLfV & Vector256.Equals(prev2, vCr);
                }
            }
            var decoded = v - v42 - (prevEqV & v64);
            var keep = ~remove.ExtractMostSignificantBits();
            var k0 = keep & 0xFF;
            var k1 = (keep >> 8) & 0xFF;
            var k2 = (keep >> 16) & 0xFF;
            var k3 = keep >> 24;
            var control = Vector256.Create(
                Unsafe.Add(ref lut, k0),
                Unsafe.Add(ref lut, k1) + SecondGroup,
                Unsafe.Add(ref lut, k2),
                Unsafe.Add(ref lut, k3) + SecondGroup).AsByte();
            var packed = Avx2.Shuffle(decoded, control).AsUInt64();
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d0, q), packed.GetElement(0));
            q += BitOperations.PopCount(k0);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d0, q), packed.GetElement(1));
            q += BitOperations.PopCount(k1);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d0, q), packed.GetElement(2));
            q += BitOperations.PopCount(k2);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d0, q), packed.GetElement(3));
            q += BitOperations.PopCount(k3);
            escape = (eq >> 31) != 0;
            p += Width;
        }
        i = p;
        o = q;
        return declined;
    }
}
