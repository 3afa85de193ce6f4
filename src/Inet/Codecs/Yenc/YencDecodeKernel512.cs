using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Inet.Codecs.Yenc;

/// <summary>
/// 64 bytes per step with AVX-512: compare for '=', CR, LF (and '.'), subtract 42 (and 64 after
/// '='), then vpcompressb drops the special bytes. Nearly every 64-byte block of yEnc holds a special
/// byte, so there is no separate branch for plain blocks. Blocks where an '=' is itself escaped or a
/// control sequence may start are left to the scalar decoder.
/// </summary>
internal static class YencDecodeKernel512
{
    private const int Width = 64;

    /// <summary>Decodes whole blocks; returns true when it stopped at a block the scalar decoder must do.</summary>
    public static bool Run<TMode>(ReadOnlySpan<byte> src, Span<byte> dst, ref int i, ref int o, bool escape)
        where TMode : struct, IYencDecodeMode
    {
        ref var s0 = ref MemoryMarshal.GetReference(src);
        ref var d0 = ref MemoryMarshal.GetReference(dst);
        var p = i;
        var q = o;
        var lastLoad = src.Length - Width;
        var lastStore = dst.Length - Width;
        var vEq = Vector512.Create((byte)'=');
        var vCr = Vector512.Create((byte)'\r');
        var vLf = Vector512.Create((byte)'\n');
        var vDot = Vector512.Create((byte)'.');
        var v42 = Vector512.Create((byte)42);
        var v64 = Vector512.Create((byte)64);
        var declined = false;
        while (p <= lastLoad && q <= lastStore)
        {
            var v = Vector512.LoadUnsafe(ref s0, (nuint)p);
            var prev = Vector512.LoadUnsafe(ref Unsafe.Add(ref s0, p - 1));
            var eqV = Vector512.Equals(v, vEq);
            var prevEqV = Vector512.Equals(prev, vEq);
            var lineV = Vector512.Equals(v, vCr) | Vector512.Equals(v, vLf);
            var dotV = TMode.IsRaw ? Vector512.Equals(v, vDot) : Vector512<byte>.Zero;
            var eq = eqV.ExtractMostSignificantBits();
            var prevEq = prevEqV.ExtractMostSignificantBits();
            if ((eq & prevEq) != 0 || ((prevEq & 1) != 0) != escape)
            {
                declined = true;
                break;
            }
            var prevLfV = Vector512.Equals(prev, vLf);
            var remove = Vector512.AndNot(eqV | lineV, prevEqV);
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
                    var prev2 = Vector512.LoadUnsafe(ref Unsafe.Add(ref s0, p - 2));
                    remove |= dotV & prevLfV & Vector512.Equals(prev2, vCr);
                }
            }
            var decoded = v - v42 - (prevEqV & v64);
            var packed = Avx512Vbmi2.Compress(Vector512<byte>.Zero, ~remove, decoded);
            packed.StoreUnsafe(ref d0, (nuint)q);
            q += Width - BitOperations.PopCount(remove.ExtractMostSignificantBits());
            escape = (eq >> 63) != 0;
            p += Width;
        }
        i = p;
        o = q;
        return declined;
    }
}
