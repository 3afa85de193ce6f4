using FsCheck.Xunit;
using Inet.Codecs;
using Crc = System.IO.Hashing.Crc32;

namespace Inet.Tests.Codecs;

public sealed class Crc32CombineTests
{
    [Property(MaxTest = 300)]
    public bool Combine_EqualsCrcOfConcatenation(byte[] a, byte[] b) =>
        Crc32Math.Combine(Crc.HashToUInt32(a), Crc.HashToUInt32(b), b.Length) == Crc.HashToUInt32([.. a, .. b]);

    [Fact]
    public void Combine_LargeBlock_MatchesDirectCrc()
    {
        var data = new byte[3_000_017];
        new Random(7).NextBytes(data);
        var split = 1_234_567;
        var combined = Crc32Math.Combine(Crc.HashToUInt32(data.AsSpan(0, split)), Crc.HashToUInt32(data.AsSpan(split)), data.Length - split);
        Assert.Equal(Crc.HashToUInt32(data), combined);
    }

    [Fact]
    public void Combine_WithEmptySecondBlock_ReturnsFirst() =>
        Assert.Equal(0xCBF43926u, Crc32Math.Combine(0xCBF43926u, 0, 0));
}
