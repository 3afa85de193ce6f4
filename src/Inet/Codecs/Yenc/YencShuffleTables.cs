using System.Buffers.Binary;

namespace Inet.Codecs.Yenc;

/// <summary>Byte-shuffle tables for the 128/256-bit encoders, which have no expand instruction.</summary>
internal static class YencShuffleTables
{
    /// <summary>
    /// For an 8-bit mask of bytes to escape: 16 shuffle indices (two ulongs, low then high) that spread
    /// 8 data bytes (in lanes 0-7) out to 8 + popcount slots, taking '=' from lane 8 before each escaped byte.
    /// </summary>
    public static readonly ulong[] Expand = BuildExpand();

    private static ulong[] BuildExpand()
    {
        var table = new ulong[512];
        Span<byte> indices = stackalloc byte[16];
        for (var mask = 0; mask < 256; mask++)
        {
            indices.Fill(0x80);
            var slot = 0;
            for (var bit = 0; bit < 8; bit++)
            {
                if ((mask & (1 << bit)) != 0)
                    indices[slot++] = 8;
                indices[slot++] = (byte)bit;
            }
            table[2 * mask] = BinaryPrimitives.ReadUInt64LittleEndian(indices[..8]);
            table[2 * mask + 1] = BinaryPrimitives.ReadUInt64LittleEndian(indices[8..]);
        }
        return table;
    }
}
