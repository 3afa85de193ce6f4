using Inet.Ftp;
using Inet.Tests.Fakes;
using static Inet.Tests.Ftp.FtpMirrorFixture;

namespace Inet.Tests.Ftp;

/// <summary>Reverse mirrors (uploads, lftp's mirror -R) against the fake server.</summary>
public class FtpMirrorUploadTests
{
    /// <summary>A local tree like the sample one, with old modification times.</summary>
    private static void WriteLocalTree(FtpMirrorFixture mirror)
    {
        Write(mirror, "readme.txt", "hello upload"u8.ToArray(), Old);
        Write(mirror, "data/big.bin", Bytes(300_000, 5), Old.AddDays(1));
        Write(mirror, "data/deep/a/b/c.txt", "deep"u8.ToArray(), Old.AddDays(2));
        Write(mirror, ".hidden", "dot"u8.ToArray(), Old);
        Write(mirror, "zero.bin", [], Old);
        Directory.CreateDirectory(mirror["empty"]);
    }

    private static void Write(FtpMirrorFixture mirror, string relative, byte[] content, DateTimeOffset time)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(mirror[relative])!);
        File.WriteAllBytes(mirror[relative], content);
        File.SetLastWriteTimeUtc(mirror[relative], time.UtcDateTime.AddMilliseconds(345)); // sub-second, as real files have
    }

    [Theory]
    [InlineData(FakeFtpFeatures.All)]
    [InlineData(FakeFtpFeatures.ListOnly | FakeFtpFeatures.Mfmt)]
    public async Task Reverse_UploadsTreeByteExact_WithLocalTimes(FakeFtpFeatures features)
    {
        await using var mirror = new FtpMirrorFixture(new FakeFtpTree().AddFolder("/pub"), features);
        WriteLocalTree(mirror);

        var report = await mirror.RunAsync(reverse: true, parallel: 2);

        Assert.True(report.Success, string.Join("; ", report.Failed.Select(f => f.Path + ": " + f.Message)));
        Assert.Equal(mirror.LocalFiles(), mirror.RemoteFiles());
        Assert.Equal(5, report.Transferred.Count);
        Assert.Equal(["data", "data/deep", "data/deep/a", "data/deep/a/b", "empty"], report.FoldersCreated);
        Assert.NotNull(mirror.Server.Tree.Find("/pub/empty"));
        Assert.Equal(Old.AddDays(2), mirror.Server.Tree.Find("/pub/data/deep/a/b/c.txt")!.Modified);
        Assert.DoesNotContain(mirror.Server.Tree.Describe().Split('\n'), line => line.Contains(".inet-part", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(FakeFtpFeatures.All)]
    [InlineData(FakeFtpFeatures.ListOnly | FakeFtpFeatures.Mfmt)]
    [InlineData(FakeFtpFeatures.ListOnly)] // no MFMT: the server's newer copies count as the same
    public async Task Reverse_SecondRun_TransfersNothing(FakeFtpFeatures features)
    {
        await using var mirror = new FtpMirrorFixture(new FakeFtpTree().AddFolder("/pub"), features);
        WriteLocalTree(mirror);
        await mirror.RunAsync(reverse: true);
        var remote = mirror.Server.Tree.Describe();
        var local = mirror.LocalIdentities();
        var stores = mirror.Server.Stats.TotalStores;

        var report = await mirror.RunAsync(reverse: true);

        Assert.Empty(report.Transferred);
        Assert.Empty(report.FoldersCreated);
        Assert.Equal(5, report.Unchanged);
        Assert.Equal(stores, mirror.Server.Stats.TotalStores);
        Assert.Equal(remote, mirror.Server.Tree.Describe());
        Assert.Equal(local, mirror.LocalIdentities());
    }

    [Fact]
    public async Task Reverse_ChangedLocalFile_UploadedAgain()
    {
        await using var mirror = new FtpMirrorFixture(new FakeFtpTree().AddFolder("/pub"));
        WriteLocalTree(mirror);
        await mirror.RunAsync(reverse: true);
        Write(mirror, "readme.txt", "HELLO UPLOAD"u8.ToArray(), Old.AddDays(10));

        var report = await mirror.RunAsync(reverse: true);

        Assert.Equal(["readme.txt"], report.Transferred.Select(t => t.Path));
        Assert.Equal("HELLO UPLOAD"u8.ToArray(), mirror.Server.Tree.Read("/pub/readme.txt"));
        Assert.Equal(2, mirror.Server.Stats.Stores("/pub/.readme.txt.inet-part"));
    }

    [Fact]
    public async Task Reverse_MissingRemoteRoot_Created()
    {
        await using var mirror = new FtpMirrorFixture(new FakeFtpTree().AddFolder("/pub"));
        WriteLocalTree(mirror);

        var report = await mirror.RunAsync("/pub/new", reverse: true);

        Assert.Contains(".", report.FoldersCreated);
        Assert.Equal(mirror.LocalFiles(), mirror.RemoteFiles("/pub/new"));
    }

    [Fact]
    public async Task Reverse_DryRun_TouchesNothing()
    {
        await using var mirror = new FtpMirrorFixture(new FakeFtpTree().AddFolder("/pub"));
        WriteLocalTree(mirror);
        var remote = mirror.Server.Tree.Describe();
        var local = mirror.LocalIdentities();

        var report = await mirror.RunAsync("/pub/new", reverse: true, dryRun: true);

        Assert.Equal(5, report.Transferred.Count);
        Assert.Contains("data/deep/a/b", report.FoldersCreated);
        Assert.Equal(remote, mirror.Server.Tree.Describe());
        Assert.Equal(local, mirror.LocalIdentities());
        Assert.Equal(0, mirror.Server.Stats.Count("MKD") + mirror.Server.Stats.Count("STOR") + mirror.Server.Stats.Count("MFMT"));
    }

    [Fact]
    public async Task Reverse_BrokenUpload_ResumedWithAppeNextRun()
    {
        await using var mirror = new FtpMirrorFixture(new FakeFtpTree().AddFolder("/pub"));
        WriteLocalTree(mirror);
        mirror.Server.Fault("/pub/data/.big.bin.inet-part", FakeFtpFault.StoreKeep(120_000));

        var first = await mirror.RunAsync(reverse: true);

        Assert.Equal("data/big.bin", Assert.Single(first.Failed).Path);
        Assert.Null(mirror.Server.Tree.Find("/pub/data/big.bin"));
        Assert.Equal(120_000, mirror.Server.Tree.Read("/pub/data/.big.bin.inet-part")!.Length);

        var second = await mirror.RunAsync(reverse: true);

        Assert.Equal(new FtpMirrorTransfer("data/big.bin", 180_000, 120_000), Assert.Single(second.Transferred));
        Assert.Equal(1, mirror.Server.Stats.Count("APPE"));
        Assert.Equal(mirror.LocalFiles(), mirror.RemoteFiles());
        Assert.Null(mirror.Server.Tree.Find("/pub/data/.big.bin.inet-part"));
    }

    [Fact]
    public async Task Reverse_Stor550OnOneFile_Reported_OthersArrive()
    {
        await using var mirror = new FtpMirrorFixture(new FakeFtpTree().AddFolder("/pub"));
        WriteLocalTree(mirror);
        mirror.Server.Fault("/pub/.readme.txt.inet-part", FakeFtpFault.Refuse());

        var report = await mirror.RunAsync(reverse: true, parallel: 3);

        Assert.Equal("readme.txt", Assert.Single(report.Failed).Path);
        var expected = mirror.LocalFiles();
        expected.Remove("readme.txt");
        Assert.Equal(expected, mirror.RemoteFiles());
    }

    [Fact]
    public async Task Reverse_LocalLinks_InsideCopied_OutsideAndLoopsSkipped()
    {
        await using var mirror = new FtpMirrorFixture(new FakeFtpTree().AddFolder("/pub"));
        WriteLocalTree(mirror);
        var secret = Path.Combine(mirror.Outside, "secret.txt");
        File.WriteAllText(secret, "do not send");
        File.CreateSymbolicLink(mirror["secret-link"], secret);
        Directory.CreateSymbolicLink(mirror["outside-link"], mirror.Outside);
        File.CreateSymbolicLink(mirror["readme-link"], mirror["readme.txt"]);
        Directory.CreateSymbolicLink(mirror["data-link"], mirror["data"]);
        Directory.CreateSymbolicLink(mirror["data/deep/loop"], mirror["data"]);
        File.CreateSymbolicLink(mirror["dangling"], Path.Combine(mirror.Outside, "missing"));

        var report = await mirror.RunAsync(reverse: true);

        Assert.True(report.Success);
        Assert.Equal("hello upload"u8.ToArray(), mirror.Server.Tree.Read("/pub/readme-link"));
        Assert.Equal(Bytes(300_000, 5), mirror.Server.Tree.Read("/pub/data-link/big.bin"));
        Assert.Equal(
            [
                ("dangling", FtpMirrorSkipReason.LinkTargetMissing),
                ("data-link/deep/loop", FtpMirrorSkipReason.SymlinkLoop),
                ("data/deep/loop", FtpMirrorSkipReason.SymlinkLoop),
                ("outside-link", FtpMirrorSkipReason.LinkOutsideTree),
                ("secret-link", FtpMirrorSkipReason.LinkOutsideTree),
            ],
            report.Skipped.Select(s => (s.Path, s.Reason)));
        Assert.DoesNotContain(mirror.RemoteFiles().Values, content => content.SequenceEqual("do not send"u8.ToArray()));
    }

    [Fact]
    public async Task Reverse_LocalPartialFiles_NotUploaded()
    {
        await using var mirror = new FtpMirrorFixture(new FakeFtpTree().AddFolder("/pub"));
        WriteLocalTree(mirror);
        Write(mirror, ".movie.mkv.inet-part", "half"u8.ToArray(), Old);

        var report = await mirror.RunAsync(reverse: true);

        Assert.Equal(FtpMirrorSkipReason.ReservedName, Assert.Single(report.Skipped).Reason);
        Assert.Null(mirror.Server.Tree.Find("/pub/.movie.mkv.inet-part"));
    }
}
