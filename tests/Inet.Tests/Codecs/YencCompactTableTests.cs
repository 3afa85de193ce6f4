using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Inet.Codecs.Yenc;

namespace Inet.Tests.Codecs;

/// <summary>The decoders' packing table: each 16-bit drop mask must keep exactly the other bytes, in order.</summary>
public class YencCompactTableTests
{
    private static byte[] Kept(byte[] source, int drop) =>
        source.Where((_, k) => (drop & (1 << k)) == 0).ToArray();

    [Fact]
    public void EveryDropMask_ShuffleKeepsTheOtherBytesInOrder()
    {
        // Scalar model of the shuffle (index with the top bit set gives zero); byte 15 is not in the index, so
        // a mask that drops it must still leave the kept bytes first.
        var source = Enumerable.Range(100, 16).Select(v => (byte)v).ToArray();
        var table = YencCompactTable.Controls;
        var packed = new byte[16];
        for (var drop = 0; drop < 65536; drop++)
        {
            var entry = table.AsSpan((drop & 0x7FFF) * 16, 16);
            for (var k = 0; k < 16; k++)
                packed[k] = (entry[k] & 0x80) != 0 ? (byte)0 : source[entry[k] & 15];
            var expected = Kept(source, drop);
            Assert.True(expected.AsSpan().SequenceEqual(packed.AsSpan(0, expected.Length)), $"drop mask {drop:X4}");
        }
    }

    [Fact]
    public void StorePacked128_WritesTheKeptBytesAndAdvancesByTheirCount()
    {
        var rng = new Random(7);
        var source = new byte[16];
        var destination = new byte[64];
        ref var table = ref MemoryMarshal.GetArrayDataReference(YencCompactTable.Controls);
        for (var round = 0; round < 5000; round++)
        {
            rng.NextBytes(source);
            var drop = (uint)rng.Next(65536);
            var offset = (nuint)rng.Next(8);
            var end = YencDecodeLanes128.StorePacked(Vector128.Create(source), drop, ref table, ref destination[0], offset);
            var expected = Kept(source, (int)drop);
            Assert.Equal(offset + (nuint)expected.Length, end);
            Assert.Equal(expected, destination.AsSpan((int)offset, expected.Length).ToArray());
        }
    }
}
