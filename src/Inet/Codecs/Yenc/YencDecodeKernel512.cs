using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Inet.Codecs.Yenc;

/// <summary>
/// 64 bytes per step with AVX-512 VBMI2. Compares give 64-bit masks for '=', CR, LF (and '.'); the
/// escape and line logic is plain integer work on those masks (shifts carry state from block to block),
/// and only the keep-mask goes back into a vector mask for vpcompressb, which drops the special bytes.
/// One test per block catches the rare cases left to the scalar decoder: an '=' that is itself escaped,
/// and a line starting with '=' or '.' that may begin "=y" or the NNTP terminator.
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
        var masks = YencMaskVector.Create();
        // Inside the loop no '=' is escaped (blocks with "==" are declined), so "escaped" is simply
        // "the previous byte is '='"; only the byte before the first block needs checking against the state.
        if (p <= lastLoad && (Unsafe.Add(ref s0, p - 1) == (byte)'=') != escape)
            return true;
        ulong carryEq = escape ? 1UL : 0;
        ulong carryLf = Unsafe.Add(ref s0, p - 1) == (byte)'\n' ? 1UL : 0;
        ulong carryCr = (Unsafe.Add(ref s0, p - 2) == (byte)'\r' ? 1UL : 0) | (Unsafe.Add(ref s0, p - 1) == (byte)'\r' ? 2UL : 0);
        var declined = false;
        while (p <= lastLoad && q <= lastStore)
        {
            var v = Vector512.LoadUnsafe(ref s0, (nuint)p);
            var eq = Vector512.Equals(v, vEq).ExtractMostSignificantBits();
            var cr = Vector512.Equals(v, vCr).ExtractMostSignificantBits();
            var lf = Vector512.Equals(v, vLf).ExtractMostSignificantBits();
            var dot = TMode.IsRaw ? Vector512.Equals(v, vDot).ExtractMostSignificantBits() : 0;
            var escaped = (eq << 1) | carryEq;
            var lf1 = (lf << 1) | carryLf;
            var remove = (eq | cr | lf) & ~escaped;
            var lineStart = lf1 & (eq | dot);
            // Rare: an escaped '=' or a line starting with '=' or '.'; one test covers both.
            if (((eq & escaped) | lineStart) != 0)
            {
                if ((eq & escaped) != 0 || YencDecoderSimd.CandidatesNeedScalar(src, p, lineStart, TMode.IsRaw))
                {
                    declined = true;
                    break;
                }
                // A stuffed dot follows CRLF, so it is always a line-start candidate.
                if (TMode.IsRaw)
                    remove |= dot & lf1 & ((cr << 2) | carryCr);
            }
            // The same positions as 'escaped', straight into a vector mask for the blend.
            var prevEqV = Vector512.Equals(Vector512.LoadUnsafe(ref Unsafe.Add(ref s0, p - 1)), vEq);
            var decoded = v - Vector512.ConditionalSelect(prevEqV, v106, v42);
            Avx512Vbmi2.Compress(Vector512<byte>.Zero, masks.FromBits(~remove), decoded).StoreUnsafe(ref d0, (nuint)q);
            q += Width - BitOperations.PopCount(remove);
            carryEq = eq >> 63;
            carryLf = lf >> 63;
            carryCr = cr >> 62;
            p += Width;
        }
        i = p;
        o = q;
        return declined;
    }
}
