using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Inet.Codecs.Yenc;

/// <summary>
/// 64 bytes per step with AVX-512: compare for '=', CR, LF (and '.'), subtract 42 (and 64 after
/// '='), then vpcompressb drops the special bytes. Nearly every 64-byte block of yEnc holds a special
/// byte, so there is no separate branch for plain blocks, and one test per block catches the rare cases:
/// blocks where an '=' is itself escaped or a control sequence may start are left to the scalar decoder.
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
        var v106 = Vector512.Create((byte)106);
        // Inside the loop no '=' is escaped (blocks with "==" are declined), so "escaped" is simply
        // "the previous byte is '='"; only the byte before the first block needs checking against the state.
        if (p <= lastLoad && (Unsafe.Add(ref s0, p - 1) == (byte)'=') != escape)
            return true;
        var declined = false;
        while (p <= lastLoad && q <= lastStore)
        {
            var v = Vector512.LoadUnsafe(ref s0, (nuint)p);
            var prev = Vector512.LoadUnsafe(ref Unsafe.Add(ref s0, p - 1));
            var eqV = Vector512.Equals(v, vEq);
            var prevEqV = Vector512.Equals(prev, vEq);
            var prevLfV = Vector512.Equals(prev, vLf);
            var lineV = Vector512.Equals(v, vCr) | Vector512.Equals(v, vLf);
            var dotV = TMode.IsRaw ? Vector512.Equals(v, vDot) : Vector512<byte>.Zero;
            var remove = Vector512.AndNot(eqV | lineV, prevEqV);
            var lineStartV = prevLfV & (eqV | dotV);
            // Rare: an escaped '=' or a line starting with '=' or '.'; one test covers both.
            if (!Vector512.EqualsAll((eqV & prevEqV) | lineStartV, Vector512<byte>.Zero))
            {
                if (!Vector512.EqualsAll(eqV & prevEqV, Vector512<byte>.Zero)
                    || YencDecoderSimd.CandidatesNeedScalar(src, p, lineStartV.ExtractMostSignificantBits(), TMode.IsRaw))
                {
                    declined = true;
                    break;
                }
                if (TMode.IsRaw)
                {
                    var prev2 = Vector512.LoadUnsafe(ref Unsafe.Add(ref s0, p - 2));
                    remove |= dotV & prevLfV & Vector512.Equals(prev2, vCr);
                }
            }
            var decoded = v - Vector512.ConditionalSelect(prevEqV, v106, v42);
            Avx512Vbmi2.Compress(Vector512<byte>.Zero, ~remove, decoded).StoreUnsafe(ref d0, (nuint)q);
            q += Width - BitOperations.PopCount(remove.ExtractMostSignificantBits());
            p += Width;
        }
        i = p;
        o = q;
        return declined;
    }
}
