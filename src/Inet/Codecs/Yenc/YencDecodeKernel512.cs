using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Inet.Codecs.Yenc;

/// <summary>
/// 64 bytes per step with AVX-512 VBMI2. Compares give 64-bit masks for '=' and LF (and '.'), a vpermb lookup
/// one for '=', CR and LF together; the escape and line logic is integer work on those masks (shifts carry
/// state from block to block), the keep-mask for vpcompressb is the lookup's compare again. One test per
/// block catches the rare cases, which the scalar decoder takes: an escaped '=', CR or LF, a line starting
/// with '.' (a stuffed dot or the NNTP terminator), and a line starting with "=y".
/// </summary>
internal static class YencDecodeKernel512
{
    private const int Width = 64;

    // Indexed by a byte's low 6 bits: CR, LF and '=' at their own slots (13, 10, 61 differ), elsewhere a
    // value whose low 6 bits are not the slot's, so it equals no byte that looks it up.
    private static ReadOnlySpan<byte> SpecialsTable =>
    [
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, (byte)'\n', 12, 13, (byte)'\r', 15, 16,
        17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
        33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48,
        49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, (byte)'=', 63, 0,
    ];

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
        var vLf = Vector512.Create((byte)'\n');
        var vDot = Vector512.Create((byte)'.');
        var v42 = Vector512.Create((byte)42);
        var v106 = Vector512.Create((byte)106);
        var specials = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(SpecialsTable));
        // Inside the loop no '=' is escaped (blocks with "==" are declined), so "escaped" is simply
        // "the previous byte is '='"; only the byte before the first block needs checking against the state.
        if (p <= lastLoad && (Unsafe.Add(ref s0, p - 1) == (byte)'=') != escape)
            return true;
        ulong carryEq = escape ? 1UL : 0;
        ulong carryLf = Unsafe.Add(ref s0, p - 1) == (byte)'\n' ? 1UL : 0;
        var declined = false;
        // Few live values and no calls in the loop: without profile data (native builds) the JIT otherwise keeps
        // constants and counters on the stack, which halved the speed.
        while (p <= lastLoad && q <= lastStore)
        {
            var v = Vector512.LoadUnsafe(ref s0, (nuint)p);
            var prev = Vector512.LoadUnsafe(ref Unsafe.Add(ref s0, p - 1));
            var eq = Vector512.Equals(v, vEq).ExtractMostSignificantBits();
            var lf = Vector512.Equals(v, vLf).ExtractMostSignificantBits();
            var special = Vector512.Equals(Avx512Vbmi.PermuteVar64x8(specials, v), v).ExtractMostSignificantBits();
            var escaped = (eq << 1) | carryEq;
            var lf1 = (lf << 1) | carryLf;
            var dotStart = TMode.IsRaw ? lf1 & Vector512.Equals(v, vDot).ExtractMostSignificantBits() : 0;
            // Rare: an escaped '=', CR or LF, a line starting with '.' (stuffed, or the end of the article: left
            // to the scalar decoder), or a line starting with '=' that may begin "=y".
            if (((special & escaped) | dotStart | (lf1 & eq)) != 0
                && ((special & escaped) != 0 || dotStart != 0 || YencDecoderSimd.CandidatesNeedScalar(src, p, lf1 & eq, raw: false)))
            {
                declined = true;
                break;
            }
            // Escaped: the previous byte is '=' (blocks with "==" are declined). Kept: all but '=', CR and LF.
            var decoded = v - Vector512.ConditionalSelect(Vector512.Equals(prev, vEq), v106, v42);
            Avx512Vbmi2.Compress(Vector512<byte>.Zero, ~Vector512.Equals(Avx512Vbmi.PermuteVar64x8(specials, v), v), decoded).StoreUnsafe(ref d0, (nuint)q);
            q += Width - BitOperations.PopCount(special);
            carryEq = eq >> 63;
            carryLf = lf >> 63;
            p += Width;
        }
        i = p;
        o = q;
        return declined;
    }
}
