using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Inet.Codecs;
using static Inet.Tests.Codecs.YencTestData;

namespace Inet.Tests.Codecs;

public class Crc32MathTests
{
    [Fact]
    public void Hash_KnownValues_FromZlib()
    {
        Assert.Equal(0u, Crc32Math.Hash([]));
        Assert.Equal(0xe8b7be43u, Crc32Math.Hash("a"u8));
        Assert.Equal(0x352441c2u, Crc32Math.Hash("abc"u8));
        Assert.Equal(0x4b8e39efu, Crc32Math.Hash("abcdef"u8));
    }

    [Fact]
    public void Combine_KnownValues()
    {
        Assert.Equal(0x4b8e39efu, Crc32Math.Combine(0x352441c2, 0x0cc4e161, 3)); // "abc" + "def"
        Assert.Equal(0x352441c2u, Crc32Math.Combine(0, 0x352441c2, 3));
        Assert.Equal(0x352441c2u, Crc32Math.Combine(0x352441c2, 0, 0));
    }

    [Property(MaxTest = 200)]
    public bool Combine_EqualsHashOfConcatenation(int seed, ushort lengthA, ushort lengthB)
    {
        var a = Random(seed, lengthA % 3000);
        var b = Random(~seed, lengthB % 3000);
        var whole = Crc32Math.Hash(a.Concat(b).ToArray());
        return Crc32Math.Combine(Crc32Math.Hash(a), Crc32Math.Hash(b), b.Length) == whole
            && Crc32Math.Append(Crc32Math.Hash(a), b) == whole;
    }

    [Fact]
    public void Combine_LongLengths_MatchesZeroExtension()
    {
        // crc(A || 0^n) via combine with crc(0^n), n large: checks the power table beyond small n.
        var zeros = new byte[1 << 20];
        var a = "abc"u8.ToArray();
        var expected = Crc32Math.Hash(a.Concat(zeros).ToArray());
        Assert.Equal(expected, Crc32Math.Combine(0x352441c2, Crc32Math.Hash(zeros), zeros.Length));
    }

    [Property(MaxTest = 300)]
    public bool Hash_AnyLength_EqualsSystemIoHashing(int seed)
    {
        var data = Random(seed, Size(seed, 5000));
        return Crc32Math.Hash(data) == System.IO.Hashing.Crc32.HashToUInt32(data);
    }

    [Property(MaxTest = 300)]
    public bool Append_AnySplit_EqualsWholeHash(int seed)
    {
        var data = Random(seed, Size(seed, 5000));
        var cut = data.Length == 0 ? 0 : Size(~seed, data.Length);
        return Crc32Math.Append(Crc32Math.Hash(data.AsSpan(0, cut)), data.AsSpan(cut)) == System.IO.Hashing.Crc32.HashToUInt32(data);
    }

    [Fact]
    public void Hash_LargeBuffers_EqualsSystemIoHashing()
    {
        foreach (var length in new[] { 511, 512, 513, 767, 768, 1024, 65_536 + 15, 768_000 })
        {
            var data = Random(length, length);
            Assert.Equal(System.IO.Hashing.Crc32.HashToUInt32(data), Crc32Math.Hash(data));
        }
    }

    [Property(MaxTest = 300)]
    public bool WithoutFolding_AnyLengthAndStart_EqualsSystemIoHashing(int seed)
    {
        // The path of every CPU without 512-bit folding; run on all CPUs, folding or not.
        var data = Random(seed, Size(seed, 5000));
        var prefix = Random(~seed, Size(~seed, 100));
        var expected = System.IO.Hashing.Crc32.HashToUInt32(prefix.Concat(data).ToArray());
        return Crc32Math.AppendWithoutFolding(Crc32Math.AppendWithoutFolding(0, prefix), data) == expected;
    }

    [Fact]
    public void WithoutFolding_LargeBuffers_EqualsSystemIoHashing()
    {
        foreach (var length in new[] { 63, 64, 511, 512, 513, 4096 + 3, 768_000 })
        {
            var data = Random(length, length);
            var prefix = Random(~length, 37);
            Assert.Equal(System.IO.Hashing.Crc32.HashToUInt32(prefix.Concat(data).ToArray()), Crc32Math.AppendWithoutFolding(Crc32Math.Hash(prefix), data));
        }
    }

    [Crc32FoldingFact]
    public void Folding_MatchesSystemIoHashing_WithAnyStartCrc() =>
        AssertMatchesSystemIoHashing(Crc32Folding.Append, [512, 513, 700, 767, 768, 1024, 4096 + 3, 65_536 + 15, 100_000]);

    // A fact running the property itself: a skipped [Property] vanishes from the test run's counts.
    [Crc32FoldingFact]
    public void Folding_AnyLengthAndStart_EqualsSystemIoHashing() =>
        CheckAnyLengthAndStart(Crc32Folding.Append, Crc32Folding.MinimumLength);

    [Crc32Folding256Fact]
    public void Folding256_MatchesSystemIoHashing_WithAnyStartCrc() =>
        AssertMatchesSystemIoHashing(Crc32Folding256.Append, [128, 129, 143, 144, 255, 256, 383, 512, 513, 4096 + 3, 65_536 + 15, 100_000]);

    [Crc32Folding256Fact]
    public void Folding256_AnyLengthAndStart_EqualsSystemIoHashing() =>
        CheckAnyLengthAndStart(Crc32Folding256.Append, 128);

    /// <summary>A folding kernel against System.IO.Hashing at each length, from no CRC and after a prefix.</summary>
    private static void AssertMatchesSystemIoHashing(Func<uint, ReadOnlySpan<byte>, uint> append, int[] lengths)
    {
        foreach (var length in lengths)
        {
            var data = Random(length, length);
            var prefix = Random(~length, 37);
            Assert.Equal(System.IO.Hashing.Crc32.HashToUInt32(data), append(0, data));
            Assert.Equal(System.IO.Hashing.Crc32.HashToUInt32(prefix.Concat(data).ToArray()), append(Crc32Math.Hash(prefix), data));
        }
    }

    /// <summary>A folding kernel from any start CRC over any length from <paramref name="minimum"/> on.</summary>
    private static void CheckAnyLengthAndStart(Func<uint, ReadOnlySpan<byte>, uint> append, int minimum) =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll<int, uint>((seed, start) =>
        {
            var data = Random(seed, minimum + Size(seed, 5000));
            var expected = Crc32Math.Combine(start, System.IO.Hashing.Crc32.HashToUInt32(data), data.Length);
            return append(start, data) == expected;
        }));
}
