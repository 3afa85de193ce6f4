using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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

    private static byte[] Build()
    {
        var table = GC.AllocateUninitializedArray<byte>(32768 * 16);
        ref var t = ref MemoryMarshal.GetArrayDataReference(table);
        for (var mask = 0; mask < 32768; mask++)
        {
            ref var entry = ref Unsafe.Add(ref t, mask * 16);
            var slot = 0;
            for (var bit = 0; bit < 16; bit++)
            {
                if ((mask & (1 << bit)) == 0)
                    Unsafe.Add(ref entry, slot++) = (byte)bit;
            }
            for (; slot < 16; slot++)
                Unsafe.Add(ref entry, slot) = 0x80;
        }
        return table;
    }
}
