using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Inet.Codecs.Yenc;

/// <summary>
/// Runs a SIMD kernel over the bulk of a chunk and the scalar decoder over the rest: the first bytes
/// (until there is history to look back on), blocks the kernel declines, and the tail.
/// </summary>
internal static class YencDecoderSimd
{
    public static YencDecodeStatus Decode(YencSimdPath path, ref YencDecodeState s, ReadOnlySpan<byte> src, Span<byte> dst, bool raw, ref int i, ref int o)
    {
        var n = src.Length;
        var width = path switch
        {
            YencSimdPath.Vector512 => 64,
            YencSimdPath.Vector256 => YencDecodeKernel.Width<YencDecodeLanes256, Vector256<byte>>(),
            _ => YencDecodeKernel.Width<YencDecodeLanes128, Vector128<byte>>(),
        };
        while (true)
        {
            // Kernels look back two bytes and cannot finish a half-seen "=y" or "CRLF.CRLF".
            while (i < n && (i < 2 || s.NeedsScalar))
            {
                var lead = YencDecoderScalar.Decode(ref s, src, dst, raw, ref i, ref o, i + 1);
                if (lead != YencDecodeStatus.NeedMoreData)
                    return lead;
            }
            if (n - i < width || dst.Length - o < width)
                break;
            var start = i;
            var declined = RunKernel(path, raw, src, dst, ref i, ref o, s.Escape);
            if (i != start)
                s = YencDecodeState.FromHistory(src, i, raw);
            if (!declined)
                break;
            var block = YencDecoderScalar.Decode(ref s, src, dst, raw, ref i, ref o, Math.Min(n, i + width));
            if (block != YencDecodeStatus.NeedMoreData)
                return block;
        }
        return YencDecoderScalar.Decode(ref s, src, dst, raw, ref i, ref o, n);
    }

    private static bool RunKernel(YencSimdPath path, bool raw, ReadOnlySpan<byte> src, Span<byte> dst, ref int i, ref int o, bool escape) =>
        (path, raw) switch
        {
            (YencSimdPath.Vector512, true) => YencDecodeKernel512.Run<IYencDecodeMode.Raw>(src, dst, ref i, ref o, escape),
            (YencSimdPath.Vector512, false) => YencDecodeKernel512.Run<IYencDecodeMode.Plain>(src, dst, ref i, ref o, escape),
            (YencSimdPath.Vector256, true) => YencDecodeKernel.Run<IYencDecodeMode.Raw, YencDecodeLanes256, Vector256<byte>>(src, dst, ref i, ref o, escape),
            (YencSimdPath.Vector256, false) => YencDecodeKernel.Run<IYencDecodeMode.Plain, YencDecodeLanes256, Vector256<byte>>(src, dst, ref i, ref o, escape),
            (_, true) => YencDecodeKernel.Run<IYencDecodeMode.Raw, YencDecodeLanes128, Vector128<byte>>(src, dst, ref i, ref o, escape),
            _ => YencDecodeKernel.Run<IYencDecodeMode.Plain, YencDecodeLanes128, Vector128<byte>>(src, dst, ref i, ref o, escape),
        };

    /// <summary>
    /// Checks line-start '=' and '.' candidates (bit k = position p + k): true when one may begin
    /// "=y", "CRLF.CRLF" or ".=y", or when the bytes that would tell are not in this chunk yet.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // a call inside a kernel loop makes the JIT keep its vectors on the stack
    public static bool CandidatesNeedScalar(ReadOnlySpan<byte> src, int p, ulong candidates, bool raw)
    {
        while (candidates != 0)
        {
            var at = p + BitOperations.TrailingZeroCount(candidates);
            candidates &= candidates - 1;
            if (src[at] == (byte)'=')
            {
                if (at + 1 >= src.Length || src[at + 1] == (byte)'y')
                    return true;
                continue;
            }
            if (!raw || src[at - 2] != (byte)'\r')
                continue;
            if (at + 2 >= src.Length)
                return true;
            var next = src[at + 1];
            var after = src[at + 2];
            if ((next == (byte)'\r' && after == (byte)'\n') || (next == (byte)'=' && after == (byte)'y'))
                return true;
        }
        return false;
    }
}
