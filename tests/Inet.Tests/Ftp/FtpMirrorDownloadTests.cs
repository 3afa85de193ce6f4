using Inet.Ftp;
using Inet.Tests.Fakes;
using static Inet.Tests.Ftp.FtpMirrorFixture;

namespace Inet.Tests.Ftp;

/// <summary>Downloading mirrors against the fake server: what arrives, what is left alone, what resumes.</summary>
public class FtpMirrorDownloadTests
{
    [Theory]
    [InlineData(FakeFtpFeatures.All)]
    [InlineData(FakeFtpFeatures.ListOnly)]
    [InlineData(FakeFtpFeatures.Epsv)] // LIST only: no SIZE, MDTM or REST
    public async Task Download_NestedTree_ByteExactWithRemoteTimes(FakeFtpFeatures features)
    {
        await using var mirror = new FtpMirrorFixture(SampleTree(), features);

        var report = await mirror.RunAsync();

        Assert.Equal(mirror.RemoteFiles(), mirror.LocalFiles());
        Assert.True(Directory.Exists(mirror["empty"]));
        Assert.True(report.Success, string.Join("; ", report.Failed.Select(f => f.Path + ": " + f.Message)));
        Assert.Empty(report.Skipped);
        Assert.Equal(6, report.Transferred.Count);
        Assert.Equal(mirror.RemoteFiles().Values.Sum(v => (long)v.Length), report.Bytes);
        Assert.Equal([".", "data", "data/deep", "data/deep/a", "data/deep/a/b", "empty"], report.FoldersCreated);
        var expected = features.HasFlag(FakeFtpFeatures.Mlst) || features.HasFlag(FakeFtpFeatures.Mdtm) ? Old.AddDays(2) : new DateTimeOffset(Old.AddDays(2).Date, TimeSpan.Zero);
        Assert.Equal(expected.UtcDateTime, File.GetLastWriteTimeUtc(mirror["data/deep/a/b/c.txt"]));
        Assert.Empty(Directory.EnumerateFiles(mirror.Local, "*.inet-part", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData(FakeFtpFeatures.All)]
    [InlineData(FakeFtpFeatures.ListOnly)]
    [InlineData(FakeFtpFeatures.Epsv)]
    public async Task SecondRun_UnchangedTree_TransfersNothingAndLeavesFilesAlone(FakeFtpFeatures features)
    {
        await using var mirror = new FtpMirrorFixture(SampleTree(), features);
        await mirror.RunAsync();
        var before = mirror.LocalIdentities();
        var retrieves = mirror.Server.Stats.TotalRetrieves;

        var report = await mirror.RunAsync();

        Assert.Empty(report.Transferred);
        Assert.Empty(report.FoldersCreated);
        Assert.Equal(6, report.Unchanged);
        Assert.Equal(retrieves, mirror.Server.Stats.TotalRetrieves);
        Assert.Equal(before, mirror.LocalIdentities());
    }

    [Fact]
    public async Task ChangedRemoteFile_DownloadedAgain_OthersNot()
    {
        await using var mirror = new FtpMirrorFixture(SampleTree());
        await mirror.RunAsync();
        var untouched = FtpMirrorFixture.Inode(mirror["data/big.bin"]);
        mirror.Server.Tree.Change("/pub/readme.txt", "HELLO MIRROR"u8.ToArray(), Old.AddDays(30)); // same size, new time
        mirror.Server.Tree.Change("/pub/data/deep/a/b/c.txt", "deeper"u8.ToArray(), Old.AddDays(2)); // new size, same time

        var report = await mirror.RunAsync();

        Assert.Equal(["data/deep/a/b/c.txt", "readme.txt"], report.Transferred.Select(t => t.Path));
        Assert.Equal("HELLO MIRROR", File.ReadAllText(mirror["readme.txt"]));
        Assert.Equal("deeper", File.ReadAllText(mirror["data/deep/a/b/c.txt"]));
        Assert.Equal(Old.AddDays(30).UtcDateTime, File.GetLastWriteTimeUtc(mirror["readme.txt"]));
        Assert.Equal(untouched, FtpMirrorFixture.Inode(mirror["data/big.bin"]));
        Assert.Equal(1, mirror.Server.Stats.Retrieves("/pub/data/big.bin"));
    }

    [Fact]
    public async Task BrokenTransfer_KeptAsPartial_ResumedWithRestNextRun()
    {
        await using var mirror = new FtpMirrorFixture(SampleTree());
        mirror.Server.Fault("/pub/data/big.bin", FakeFtpFault.Disconnect(100_000));

        var first = await mirror.RunAsync();

        var failure = Assert.Single(first.Failed);
        Assert.Equal("data/big.bin", failure.Path);
        Assert.IsType<FtpIncompleteTransferException>(failure.Exception);
        Assert.False(File.Exists(mirror["data/big.bin"]));
        var partial = mirror["data/.big.bin.inet-part"];
        Assert.Equal(100_000, new FileInfo(partial).Length);
        Assert.Equal(5, first.Transferred.Count); // the others arrived

        var second = await mirror.RunAsync();

        var resumed = Assert.Single(second.Transferred);
        Assert.Equal(new FtpMirrorTransfer("data/big.bin", 200_000, 100_000), resumed);
        Assert.Equal([100_000], mirror.Server.Stats.RestOffsets("/pub/data/big.bin"));
        Assert.Equal(mirror.RemoteFiles(), mirror.LocalFiles());
        Assert.False(File.Exists(partial));
    }

    [Fact]
    public async Task ShortDataWith226_NeverRenamedIntoPlace()
    {
        await using var mirror = new FtpMirrorFixture(SampleTree(), FakeFtpFeatures.Mlst | FakeFtpFeatures.Epsv | FakeFtpFeatures.RestStream);
        mirror.Server.Fault("/pub/readme.txt", FakeFtpFault.ShortData(5));

        var report = await mirror.RunAsync();

        Assert.Equal("readme.txt", Assert.Single(report.Failed).Path);
        Assert.False(File.Exists(mirror["readme.txt"]));
        Assert.Equal("hello", File.ReadAllText(mirror[".readme.txt.inet-part"]));
    }

    [Fact]
    public async Task PartialOfAnOlderVersion_StartsAgainFromZero()
    {
        await using var mirror = new FtpMirrorFixture(SampleTree());
        mirror.Server.Fault("/pub/data/big.bin", FakeFtpFault.Disconnect(100_000));
        await mirror.RunAsync();
        mirror.Server.Tree.Change("/pub/data/big.bin", Bytes(250_000, 11), Old.AddDays(40));

        var report = await mirror.RunAsync();

        Assert.Equal(new FtpMirrorTransfer("data/big.bin", 250_000, 0), Assert.Single(report.Transferred));
        Assert.Empty(mirror.Server.Stats.RestOffsets("/pub/data/big.bin"));
        Assert.Equal(Bytes(250_000, 11), File.ReadAllBytes(mirror["data/big.bin"]));
    }

    [Fact]
    public async Task Parallel4_FourTransferConnectionsAtOnce_TreeCorrect()
    {
        var tree = SampleTree();
        for (var i = 0; i < 12; i++)
            tree.AddFile($"/pub/many/f{i:00}.bin", Bytes(10_000 + i, i + 1), Old);
        await using var mirror = new FtpMirrorFixture(tree);
        mirror.Server.TransferDelay = TimeSpan.FromMilliseconds(150);

        var report = await mirror.RunAsync(parallel: 4);

        Assert.Equal(mirror.RemoteFiles(), mirror.LocalFiles());
        Assert.Equal(18, report.Transferred.Count);
        Assert.Equal(4, mirror.Server.Stats.Connections); // three workers, and the listing connection joins them after the walk
        Assert.Equal(4, mirror.Server.Stats.MaxConcurrentTransfers); // so four transfers at once from four logins
    }

    [Fact]
    public async Task ServerAllowsFewerConnections_SurplusWorkersStop_AllFilesArrive()
    {
        await using var mirror = new FtpMirrorFixture(SampleTree());
        mirror.Server.MaxSessions = 2; // the listing connection and one worker

        var report = await mirror.RunAsync(parallel: 4);

        Assert.True(report.Success, string.Join("; ", report.Failed.Select(f => f.Path + ": " + f.Message)));
        Assert.Equal(mirror.RemoteFiles(), mirror.LocalFiles());
        Assert.Equal(2, mirror.Server.Stats.Refused); // two of the three workers
    }

    [Fact]
    public async Task DeeperThanMaxDepth_SkippedAndReported()
    {
        await using var mirror = new FtpMirrorFixture(SampleTree());

        var report = await new FtpMirror(mirror.Options() with { MaxDepth = 2 }).RunAsync();

        var skip = Assert.Single(report.Skipped);
        Assert.Equal(("data/deep/a", FtpMirrorSkipReason.TooDeep), (skip.Path, skip.Reason));
        Assert.False(Directory.Exists(mirror["data/deep/a"]));
        Assert.True(File.Exists(mirror["data/big.bin"]));
    }

    [Fact]
    public async Task Retr550OnOneFile_Reported_OthersArrive()
    {
        await using var mirror = new FtpMirrorFixture(SampleTree());
        mirror.Server.Fault("/pub/data/big.bin", FakeFtpFault.Refuse());

        var report = await mirror.RunAsync(parallel: 2);

        var failure = Assert.Single(report.Failed);
        Assert.Equal("data/big.bin", failure.Path);
        Assert.IsType<FtpFileUnavailableException>(failure.Exception);
        Assert.Contains("550", failure.Message, StringComparison.Ordinal);
        Assert.Equal(5, report.Transferred.Count);
        var expected = mirror.RemoteFiles();
        expected.Remove("data/big.bin");
        Assert.Equal(expected, mirror.LocalFiles());
    }

    [Fact]
    public async Task DryRun_ReportsThePlan_TouchesNothing()
    {
        await using var mirror = new FtpMirrorFixture(SampleTree());
        var remoteBefore = mirror.Server.Tree.Describe();

        var report = await mirror.RunAsync(dryRun: true);

        Assert.True(report.DryRun);
        Assert.Equal(6, report.Transferred.Count);
        Assert.Contains("data/deep/a/b", report.FoldersCreated);
        Assert.False(Directory.Exists(mirror.Local));
        Assert.Equal(0, mirror.Server.Stats.TotalRetrieves);
        Assert.Equal(1, mirror.Server.Stats.Connections);
        Assert.Equal(remoteBefore, mirror.Server.Tree.Describe());
    }

    [Fact]
    public async Task DryRun_AfterAChange_ListsOnlyTheChange()
    {
        await using var mirror = new FtpMirrorFixture(SampleTree());
        await mirror.RunAsync();
        var before = mirror.LocalIdentities();
        mirror.Server.Tree.Change("/pub/readme.txt", "changed"u8.ToArray(), Old.AddDays(9));

        var report = await mirror.RunAsync(dryRun: true);

        Assert.Equal(["readme.txt"], report.Transferred.Select(t => t.Path));
        Assert.Equal(before, mirror.LocalIdentities());
    }

    [Fact]
    public async Task Cancelled_Throws_KeepsPartialForResume()
    {
        await using var mirror = new FtpMirrorFixture(SampleTree());
        mirror.Server.Fault("/pub/data/big.bin", FakeFtpFault.Stall(100_000));
        using var cancel = new CancellationTokenSource();
        // The server sends 100 000 bytes and stalls; the copy, still filling its block, is cancelled and writes what came.
        var progress = new SyncProgress(p =>
        {
            if (p is { Event: FtpMirrorEvent.FileStarted, Path: "data/big.bin" })
                cancel.CancelAfter(500);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new FtpMirror(mirror.Options()).RunAsync(progress, cancel.Token));

        Assert.False(File.Exists(mirror["data/big.bin"]));
        Assert.Equal(100_000, new FileInfo(mirror["data/.big.bin.inet-part"]).Length);
        var second = await mirror.RunAsync();
        Assert.Equal(new FtpMirrorTransfer("data/big.bin", 200_000, 100_000), second.Transferred.Single(t => t.Path == "data/big.bin"));
        Assert.Equal(mirror.RemoteFiles(), mirror.LocalFiles());
    }

    [Fact]
    public async Task Progress_TotalsMeetAtTheEnd()
    {
        await using var mirror = new FtpMirrorFixture(SampleTree());
        var steps = new List<FtpMirrorProgress>();
        var progress = new SyncProgress(p =>
        {
            lock (steps)
                steps.Add(p);
        });

        await new FtpMirror(mirror.Options(parallel: 3)).RunAsync(progress);

        // Workers report from several threads, so the list is not in snapshot order: compare the highest figures.
        Assert.Equal(steps.Max(s => s.FilesQueued), steps.Max(s => s.FilesDone));
        Assert.Equal(steps.Max(s => s.BytesQueued), steps.Max(s => s.BytesDone));
        Assert.Contains(steps, s => s.Event == FtpMirrorEvent.FileProgress && s.Path == "data/big.bin");
    }

    [Fact]
    public async Task WrongPassword_RunThrows()
    {
        await using var mirror = new FtpMirrorFixture(SampleTree());
        var options = mirror.Options() with { Client = mirror.Server.ClientOptions("nope") };

        await Assert.ThrowsAsync<Inet.Core.AuthenticationFailedException>(() => new FtpMirror(options).RunAsync());
    }

    [Fact]
    public async Task MissingRemoteFolder_RunThrows()
    {
        await using var mirror = new FtpMirrorFixture(SampleTree());

        await Assert.ThrowsAsync<FtpFileUnavailableException>(() => mirror.RunAsync("/nowhere"));
        Assert.False(Directory.Exists(mirror.Local));
    }

    /// <summary>IProgress that reports on the calling thread, in order (Progress&lt;T&gt; posts to the pool).</summary>
    private sealed class SyncProgress(Action<FtpMirrorProgress> report) : IProgress<FtpMirrorProgress>
    {
        public void Report(FtpMirrorProgress value) => report(value);
    }
}
