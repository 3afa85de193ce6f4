using System.Buffers.Binary;
using System.Security.Cryptography;
using Inet.News.Par2;

namespace Inet.Tests.News.Par2;

public class Par2ReaderTests
{
    private static readonly Par2TestSet Set = new(1024,
        ("a.bin", Par2TestSet.RandomData(5000, 1)),
        ("sub dir é/b.bin", Par2TestSet.RandomData(2048, 2)));

    private static Task<Par2RecoverySet> Read(byte[] bytes) => Par2Reader.ReadAsync(new MemoryStream(bytes));

    [Fact]
    public async Task ReadAsync_HandBuiltVolume_ParsesEveryPacket()
    {
        var set = await Read(Set.Volume(recoverySlices: 3));

        Assert.Equal(Set.SetId, ToBytes(set.SetId));
        Assert.Equal(1024, set.SliceSize);
        Assert.Equal(2, set.RecoveryFileIds.Count);
        Assert.Empty(set.NonRecoveryFileIds);
        Assert.Equal("Inet test writer", set.Creator);
        Assert.Equal(3, set.RecoverySliceCount);
        Assert.Equal(new Par2PacketStats(6, 0, 0, 0, 0), set.Packets);

        var a = set.Files[0];
        Assert.Equal("a.bin", a.Description.Name);
        Assert.Equal(5000, a.Description.Length);
        Assert.Equal(MD5.HashData(Set.Files[0].Data), ToBytes(a.Description.Md5));
        Assert.Equal(Par2TestSet.Head16K(Set.Files[0].Data), ToBytes(a.Description.Md5First16K));
        Assert.Equal(5, a.Slices!.Count);
        Assert.True(a.InRecoverySet);
        Assert.Equal("sub dir é/b.bin", set.Files[1].Description.Name);
        Assert.Equal(2, set.Files[1].Slices!.Count);
        Assert.Empty(set.FilesWithoutDescription);
    }

    [Fact]
    public async Task ReadAsync_PacketsRepeatedAcrossVolumes_AreMergedAndCounted()
    {
        using var dir = new TempFolder();
        await File.WriteAllBytesAsync(dir["s.par2"], Par2TestSet.Concat(Set.MainPacket(), Set.FileDescPacket(0), Set.FileDescPacket(1)));
        await File.WriteAllBytesAsync(dir["s.vol0+2.par2"], Set.Volume(recoverySlices: 2));
        await File.WriteAllBytesAsync(dir["s.vol2+1.par2"], Par2TestSet.Concat(Set.MainPacket(), Set.RecoveryPacket(2), Set.RecoveryPacket(0)));
        await File.WriteAllBytesAsync(dir["other.par2"], Set.Volume());

        var set = await Par2Reader.ReadSetAsync(dir["s.par2"]);

        Assert.Equal(2, set.Files.Count);
        Assert.Equal(3, set.RecoverySliceCount);
        Assert.Equal(5, set.Packets.Duplicate); // main x2, file descriptions x2, recovery slice 0
        Assert.Equal(3, Par2Reader.FindVolumes(dir["s.par2"]).Count);
        var fromVolume = Par2Reader.FindVolumes(dir["s.vol2+1.par2"]);
        Assert.Equal(dir["s.vol2+1.par2"], fromVolume[0]);
        Assert.Equal(3, fromVolume.Count);
    }

    [Fact]
    public async Task ReadAsync_WrongMd5_PacketIgnoredOthersKept()
    {
        var desc = Set.FileDescPacket(0);
        desc[^1] ^= 0x01; // inside the (padded) name
        var set = await Read(Par2TestSet.Concat(Set.MainPacket(), desc, Set.FileDescPacket(1), Set.IfscPacket(1)));

        Assert.Equal(1, set.Packets.Damaged);
        var only = Assert.Single(set.Files);
        Assert.Equal("sub dir é/b.bin", only.Description.Name);
        Assert.Equal(ToBytes(Par2Hash.Read(Set.FileIds[0])), ToBytes(Assert.Single(set.FilesWithoutDescription)));
    }

    [Theory]
    [InlineData(13UL)]          // not a multiple of 4
    [InlineData(32UL)]          // shorter than the header
    [InlineData(0UL)]
    [InlineData(1UL << 40)]     // past the end of the stream
    [InlineData(ulong.MaxValue)]
    public async Task ReadAsync_BadLengthField_CountedAndResynchronised(ulong length)
    {
        var bad = Set.FileDescPacket(0);
        BinaryPrimitives.WriteUInt64LittleEndian(bad.AsSpan(8), length);
        var bytes = Par2TestSet.Concat(Set.MainPacket(), bad, Set.FileDescPacket(1));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var set = await Read(bytes);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1, set.Packets.Damaged);
        Assert.Equal("sub dir é/b.bin", Assert.Single(set.Files).Description.Name);
        Assert.True(allocated < 2_000_000, $"allocated {allocated} bytes");
    }

    [Fact]
    public async Task ReadAsync_HugeRecoverySliceClaim_SkippedWithoutAllocating()
    {
        var recovery = Set.RecoveryPacket(0);
        BinaryPrimitives.WriteUInt64LittleEndian(recovery.AsSpan(8), 1UL << 50);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var set = await Read(Par2TestSet.Concat(Set.MainPacket(), recovery, Set.FileDescPacket(0)));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 2_000_000);
        Assert.Equal(0, set.RecoverySliceCount);
        Assert.Equal(1, set.Packets.Damaged);
        Assert.Single(set.Files);
    }

    [Fact]
    public async Task ReadAsync_RecoverySliceWithWrongSliceLength_NotCounted()
    {
        var set = await Read(Par2TestSet.Concat(Set.MainPacket(), Set.RecoveryPacket(0, 512), Set.RecoveryPacket(1)));
        Assert.Equal(1, set.RecoverySliceCount);
    }

    [Fact]
    public async Task ReadAsync_BadRecoveryLengthHidingPackets_RescansFromThatPacket()
    {
        // A recovery packet's data is not hashed, so a wrong length is only noticed at the next header.
        var recovery = Set.RecoveryPacket(0);
        BinaryPrimitives.WriteUInt64LittleEndian(recovery.AsSpan(8), (ulong)recovery.Length + 64);
        var bytes = Par2TestSet.Concat(Set.MainPacket(), recovery, Set.FileDescPacket(0), Set.FileDescPacket(1), new byte[64]);
        var set = await Read(bytes);
        Assert.Equal(2, set.Files.Count);
    }

    [Fact]
    public async Task ReadAsync_TruncatedPacket_EarlierPacketsKept()
    {
        var bytes = Par2TestSet.Concat(Set.MainPacket(), Set.FileDescPacket(0), Set.IfscPacket(0));
        var set = await Read(bytes[..^30]);
        Assert.True(set.Packets.Damaged >= 1);
        var file = Assert.Single(set.Files);
        Assert.Null(file.Slices);
    }

    [Fact]
    public async Task ReadAsync_TruncatedInsideHeader_CountedAsDamaged()
    {
        var bytes = Par2TestSet.Concat(Set.MainPacket(), Set.FileDescPacket(0)[..40]);
        var set = await Read(bytes);
        Assert.Equal(1, set.Packets.Damaged);
    }

    [Fact]
    public async Task ReadAsync_GarbageAroundPackets_IsSkipped()
    {
        var junk = Par2TestSet.RandomData(100_003, 9);
        var bytes = Par2TestSet.Concat(junk, Set.MainPacket(), junk[..77], Set.FileDescPacket(0), junk, Set.FileDescPacket(1), junk[..5]);
        var set = await Read(bytes);
        Assert.Equal(2, set.Files.Count);
        Assert.True(set.Packets.Damaged >= 3);
    }

    [Fact]
    public async Task ReadAsync_IfscWithWrongSliceCount_IsNotUsed()
    {
        var set = await Read(Par2TestSet.Concat(Set.MainPacket(), Set.FileDescPacket(0), Set.IfscPacket(0, sliceCountOverride: 3)));
        Assert.Null(Assert.Single(set.Files).Slices);
    }

    [Fact]
    public async Task ReadAsync_PacketsOfAnotherSet_AreForeign()
    {
        var otherId = new byte[16];
        otherId[0] = 1;
        var foreign = Set.Packet(Par2TestSet.CreatorType, "othr"u8.ToArray(), otherId);
        var set = await Read(Par2TestSet.Concat(foreign, Set.MainPacket()));
        Assert.Equal(1, set.Packets.Foreign);
        Assert.Null(set.Creator);
    }

    [Fact]
    public async Task ReadAsync_UnknownPacketType_IsCountedAndSkipped()
    {
        var comment = Set.Packet("PAR 2.0\0CommASCI"u8.ToArray(), "hello!!!"u8.ToArray());
        var set = await Read(Par2TestSet.Concat(Set.MainPacket(), comment, Set.FileDescPacket(0)));
        Assert.Equal(1, set.Packets.Unknown);
        Assert.Single(set.Files);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]  // not a multiple of 4
    public async Task ReadAsync_MainWithBadSliceSize_Throws(int sliceSize)
    {
        var body = (byte[])Set.MainBody.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(body, (ulong)sliceSize);
        await Assert.ThrowsAsync<Par2FormatException>(() => Read(Set.Packet(Par2TestSet.MainType, body)));
    }

    [Fact]
    public async Task ReadAsync_NotPar2_Throws()
    {
        await Assert.ThrowsAsync<Par2FormatException>(() => Read([]));
        await Assert.ThrowsAsync<Par2FormatException>(() => Read(Par2TestSet.RandomData(70_000, 3)));
        await Assert.ThrowsAsync<Par2FormatException>(() => Read(Set.FileDescPacket(0)));
    }

    [Fact]
    public async Task ReadAsync_RandomMutations_NeverThrowAnythingElse()
    {
        var original = Set.Volume();
        var random = new Random(1234);
        for (var round = 0; round < 300; round++)
        {
            var bytes = (byte[])original.Clone();
            for (var k = random.Next(1, 8); k > 0; k--)
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            if (random.Next(4) == 0)
                bytes = bytes[..random.Next(bytes.Length)];
            try
            {
                var set = await Read(bytes);
                Assert.True(set.Files.Count <= 2);
            }
            catch (Par2FormatException)
            {
                // Main packet hit: acceptable.
            }
        }
    }

    private static byte[] ToBytes(Par2Hash hash)
    {
        var bytes = new byte[16];
        hash.WriteTo(bytes);
        return bytes;
    }
}
