using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Inet.Codecs.Yenc;

/// <summary>
/// The 128- and 256-bit decoders (SSSE3/SSE4.1, NEON, AVX2), one loop over two vectors per step. A table
/// lookup finds '=', CR and LF; where the lanes say it pays (<see cref="IYencDecodeLanes{TVector}.StoresPlainBlocks"/>),
/// blocks without them (and no pending escape or line start) are stored at once. Otherwise each byte after '=' loses 64 more, and the drop mask packs the rest through shuffles from
/// <see cref="YencCompactTable"/>. The rare cases go to the scalar decoder, as in the 512-bit kernel: an
/// escaped '=', CR or LF; "=y"; in dot-stuffed input a line starting with '.'.
/// </summary>
internal static class YencDecodeKernel
{
    /// <summary>
    /// Indexed by min(byte, '.') &amp; 15: LF and CR at their own slots, '=' at '.''s slot (every byte from '.'
    /// up looks there), elsewhere 0xFF, which no byte below '.' equals.
    /// </summary>
    internal static ReadOnlySpan<byte> SpecialsTable =>
        [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, (byte)'\n', 0xFF, 0xFF, (byte)'\r', (byte)'=', 0xFF];

    /// <summary>Bytes per step for the lanes <typeparamref name="TLanes"/>.</summary>
    public static int Width<TLanes, TVector>()
        where TLanes : struct, IYencDecodeLanes<TVector>
        where TVector : struct => 2 * TLanes.Size;

    /// <summary>Decodes whole blocks; returns true when it stopped at a block the scalar decoder must do.</summary>
    // Optimized at once, as the native tool compiles it: with dynamic PGO's profile the JIT laid the loop out
    // worse (bench/yenc-compare.sh: 0.88-0.92x yencode with it, 0.95-1.02x without).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool Run<TMode, TLanes, TVector>(ReadOnlySpan<byte> src, Span<byte> dst, ref int i, ref int o, bool escape)
        where TMode : struct, IYencDecodeMode
        where TLanes : struct, IYencDecodeLanes<TVector>
        where TVector : struct
    {
        var size = (nuint)TLanes.Size;
        var width = 2 * TLanes.Size;
        // Decoding never lengthens, so one bound on p keeps both the loads and the stores inside.
        var end = Math.Min(src.Length, dst.Length - o + i) - width;
        if (i > end)
            return false;
        ref var s0 = ref MemoryMarshal.GetReference(src);
        ref var d0 = ref MemoryMarshal.GetReference(dst);
        ref var table = ref MemoryMarshal.GetArrayDataReference(YencCompactTable.Controls);
        var p = (nuint)i;
        var q = (nuint)o;
        var last = (nuint)end;
        var lookup = TLanes.SpecialsLookup();
        var vEq = TLanes.Broadcast((byte)'=');
        var vLf = TLanes.Broadcast((byte)'\n');
        var vDot = TLanes.Broadcast((byte)'.');
        var vY = TLanes.Broadcast((byte)'y');
        var v42 = TLanes.Broadcast(42);
        // Inside the loop no '=' is escaped (such blocks are declined), so "escaped" is simply "the previous
        // byte is '='"; only the byte before the first block needs checking against the state.
        if ((Unsafe.Add(ref s0, p - 1) == (byte)'=') != escape)
            return true;
        // The byte before the block is '=', CR or LF (a pending escape or a line start), so the block cannot be
        // stored as is; the first block always looks back.
        var carry = 1u;
        var declined = false;
        while (p <= last)
        {
            var a = TLanes.Load(ref s0, p);
            var b = TLanes.Load(ref s0, p + size);
            var specialA = TLanes.FindSpecials(a, lookup, vDot);
            var specialB = TLanes.FindSpecials(b, lookup, vDot);
            TLanes.Masks(specialA, specialB, out var dropA, out var dropB);
            if (TLanes.StoresPlainBlocks && (dropA | dropB | carry) == 0)
            {
                TLanes.Store(TLanes.Subtract(a, v42), ref d0, q);
                TLanes.Store(TLanes.Subtract(b, v42), ref d0, q + size);
                p += size * 2;
                q += size * 2;
                continue;
            }
            carry = dropB >> (TLanes.Size - 1);
            var prevA = TLanes.Load(ref Unsafe.Add(ref s0, p - 1), 0);
            var prevB = TLanes.Load(ref Unsafe.Add(ref s0, p - 1), size);
            var escapedA = TLanes.Equals(prevA, vEq);
            var escapedB = TLanes.Equals(prevB, vEq);
            var scalarOnly = TLanes.Or(
                TLanes.And(escapedA, TLanes.Or(specialA, TLanes.Equals(a, vY))),
                TLanes.And(escapedB, TLanes.Or(specialB, TLanes.Equals(b, vY))));
            if (TMode.IsRaw)
            {
                scalarOnly = TLanes.Or(scalarOnly, TLanes.Or(
                    TLanes.And(TLanes.Equals(prevA, vLf), TLanes.Equals(a, vDot)),
                    TLanes.And(TLanes.Equals(prevB, vLf), TLanes.Equals(b, vDot))));
            }
            if (!TLanes.IsZero(scalarOnly))
            {
                declined = true;
                break;
            }
            q = TLanes.StorePacked(TLanes.DecodeBytes(a, escapedA), dropA, ref table, ref d0, q);
            q = TLanes.StorePacked(TLanes.DecodeBytes(b, escapedB), dropB, ref table, ref d0, q);
            p += size * 2;
        }
        i = (int)p;
        o = (int)q;
        return declined;
    }
}
