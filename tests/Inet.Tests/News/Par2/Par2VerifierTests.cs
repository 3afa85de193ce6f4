using Inet.News.Par2;

namespace Inet.Tests.News.Par2;

/// <summary>Verifier tests on hand-written PAR2 sets (no par2 tool needed).</summary>
public class Par2VerifierTests
{
    private static async Task<(TempFolder Dir, Par2RecoverySet Set, Par2TestSet Source)> Setup(params (string, byte[])[] files)
    {
        var source = new Par2TestSet(1024, files);
        var dir = new TempFolder();
        foreach (var (name, data) in files)
        {
            var path = dir[name];
            if (FolderPathInside(dir.Path, path))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllBytesAsync(path, data);
            }
        }
        var set = await Par2Reader.ReadAsync(new MemoryStream(source.Volume(recoverySlices: 2)));
        return (dir, set, source);
    }

    private static bool FolderPathInside(string root, string path) =>
        Path.GetFullPath(path).StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    [Fact]
    public async Task VerifyAsync_IntactFiles_AllOk()
    {
        var (dir, set, _) = await Setup(("a.bin", Par2TestSet.RandomData(5000, 1)), ("sub/b.bin", Par2TestSet.RandomData(1024, 2)), ("empty", []));
        using var _ = dir;
        var result = await Par2Verifier.VerifyAsync(set, dir.Path);
        Assert.True(result.AllOk);
        Assert.All(result.Files, f => Assert.Equal(Par2FileStatus.Ok, f.Status));
        Assert.Equal(0, result.SlicesNeeded);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1023, 0)]
    [InlineData(1024, 1)]
    [InlineData(4999, 4)] // inside the zero-padded last slice
    public async Task VerifyAsync_OneByteChanged_ExactlyThatSliceDamaged(int offset, long slice)
    {
        var data = Par2TestSet.RandomData(5000, 1);
        var (dir, set, _) = await Setup(("a.bin", data));
        using var _ = dir;
        data[offset] ^= 0x40;
        await File.WriteAllBytesAsync(dir["a.bin"], data);

        var file = Assert.Single((await Par2Verifier.VerifyAsync(set, dir.Path)).Files);
        Assert.Equal(Par2FileStatus.Damaged, file.Status);
        Assert.Equal([slice], file.DamagedSlices);
    }

    [Fact]
    public async Task VerifyAsync_SmallBuffer_SameAnswer()
    {
        var data = Par2TestSet.RandomData(5000, 1);
        var (dir, set, _) = await Setup(("a.bin", data));
        using var _ = dir;
        data[3000] ^= 1;
        await File.WriteAllBytesAsync(dir["a.bin"], data);
        var result = await Par2Verifier.VerifyAsync(set, dir.Path, new Par2VerifyOptions { BufferSize = 1 });
        Assert.Equal([2L], result.Files[0].DamagedSlices);
    }

    [Fact]
    public async Task VerifyAsync_TruncatedAndExtendedFiles_WrongSize()
    {
        var data = Par2TestSet.RandomData(5000, 1);
        var (dir, set, _) = await Setup(("a.bin", data), ("b.bin", data));
        using var _ = dir;
        await File.WriteAllBytesAsync(dir["a.bin"], data[..2500]);
        await File.WriteAllBytesAsync(dir["b.bin"], [.. data, 1, 2, 3]);

        var result = await Par2Verifier.VerifyAsync(set, dir.Path);
        Assert.Equal(Par2FileStatus.WrongSize, result.Files[0].Status);
        Assert.Equal(2500, result.Files[0].ActualLength);
        Assert.Equal([2L, 3, 4], result.Files[0].DamagedSlices);
        Assert.Equal(Par2FileStatus.WrongSize, result.Files[1].Status);
        Assert.Empty(result.Files[1].DamagedSlices); // the first 5000 bytes are all still right
        Assert.Equal(3, result.SlicesNeeded);
        Assert.False(result.RepairLikelyPossible); // 3 slices needed, 2 recovery slices
    }

    [Fact]
    public async Task VerifyAsync_MissingAndRenamed_ReportsFoundAs()
    {
        var (dir, set, _) = await Setup(("a.bin", Par2TestSet.RandomData(20000, 1)), ("b.bin", Par2TestSet.RandomData(300, 2)));
        using var _ = dir;
        File.Move(dir["a.bin"], dir["renamed.dat"]);
        File.Delete(dir["b.bin"]);
        await File.WriteAllBytesAsync(dir["same-size.dat"], new byte[300]);

        var result = await Par2Verifier.VerifyAsync(set, dir.Path);
        Assert.Equal(Par2FileStatus.Missing, result.Files[0].Status);
        Assert.Equal("renamed.dat", result.Files[0].FoundAs);
        Assert.Equal(20, result.Files[0].DamagedSlices.Count);
        Assert.Equal(Par2FileStatus.Missing, result.Files[1].Status);
        Assert.Null(result.Files[1].FoundAs);

        var noSearch = await Par2Verifier.VerifyAsync(set, dir.Path, new Par2VerifyOptions { FindRenamed = false });
        Assert.Null(noSearch.Files[0].FoundAs);
    }

    [Theory]
    [InlineData("../outside.bin")]
    [InlineData("/etc/passwd")]
    [InlineData("a/../../x")]
    [InlineData("..")]
    public async Task VerifyAsync_NameLeavingFolder_NotOpened(string name)
    {
        var (dir, set, _) = await Setup((name, Par2TestSet.RandomData(10, 1)));
        using var _ = dir;
        var file = Assert.Single((await Par2Verifier.VerifyAsync(set, dir.Path)).Files);
        Assert.Equal(Par2FileStatus.UnsafeName, file.Status);
        Assert.Null(file.ActualLength);
    }

    [Fact]
    public async Task VerifyAsync_NoSliceChecksums_UsesFullMd5Only()
    {
        var data = Par2TestSet.RandomData(3000, 5);
        var source = new Par2TestSet(1024, ("a.bin", data));
        using var dir = new TempFolder();
        var set = await Par2Reader.ReadAsync(new MemoryStream(Par2TestSet.Concat(source.MainPacket(), source.FileDescPacket(0))));
        data[10] ^= 1;
        await File.WriteAllBytesAsync(dir["a.bin"], data);
        var file = Assert.Single((await Par2Verifier.VerifyAsync(set, dir.Path)).Files);
        Assert.Equal(Par2FileStatus.Damaged, file.Status);
        Assert.Empty(file.DamagedSlices);
        Assert.Equal(3, (await Par2Verifier.VerifyAsync(set, dir.Path)).SlicesNeeded);
    }

    [UnixFact]
    public async Task VerifyAsync_FileIsSymlink_NotFollowed()
    {
        var data = Par2TestSet.RandomData(100, 4);
        var (dir, set, _) = await Setup(("a.bin", data));
        using var _ = dir;
        using var outside = new TempFolder();
        await File.WriteAllBytesAsync(outside["real"], data);
        File.Delete(dir["a.bin"]);
        File.CreateSymbolicLink(dir["a.bin"], outside["real"]);

        var file = Assert.Single((await Par2Verifier.VerifyAsync(set, dir.Path)).Files);
        Assert.Equal(Par2FileStatus.UnsafeName, file.Status);
    }
}
