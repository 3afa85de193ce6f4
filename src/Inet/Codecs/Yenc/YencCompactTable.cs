using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Inet.Codecs.Yenc;

/// <summary>
/// Byte-shuffle controls that pack 16 bytes, for the 128/256-bit decoders (which have no compress
/// instruction): indexed by the low 15 bits of a 16-bit mask of bytes to drop. Byte 15 is always placed
/// after the kept ones, so when it is dropped too the caller simply advances one byte less; that halves
/// the table (32,768 entries, 512 KiB, of which random yEnc touches a few hundred).
/// </summary>
internal static class YencCompactTable
{
    /// <summary>Entries are 16 bytes each, at 16 * (drop mask &amp; 0x7FFF).</summary>
    public static readonly byte[] Controls = Build();

    /// <summary>The shuffle control for the 16 bytes whose drop mask is <paramref name="drop"/> (bit k = byte k).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref byte Entry(ref byte table, ulong drop) => ref Unsafe.Add(ref table, (nint)((drop << 4) & 0x7FFF0));

    // Built once, at first use (about 0.5 ms): optimized at once rather than at tier 0.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static byte[] Build()
    {
        var table = GC.AllocateUninitializedArray<byte>(32768 * 16);
        ref var t = ref MemoryMarshal.GetArrayDataReference(table);
        var fill = Vector128.Create((byte)0x80);
        for (var mask = 0; mask < 32768; mask++)
        {
            ref var entry = ref Unsafe.Add(ref t, mask * 16);
            fill.StoreUnsafe(ref entry);
            // Byte 15 is never in the index, so it is always kept, last.
            var kept = (uint)~mask & 0xFFFF;
            for (var slot = 0; kept != 0; slot++, kept &= kept - 1)
                Unsafe.Add(ref entry, slot) = (byte)BitOperations.TrailingZeroCount(kept);
        }
        return table;
    }
}
