using Inet.News.Download;
using Inet.News.Nzb;

namespace Inet.Tests.News.Download;

public class DownloadResumeTests
{
    [Fact]
    public async Task Run_CancelledMidwayThenRestarted_ByteIdenticalAndNoSegmentFetchedTwice()
    {
        await using var f = await DownloadFixture.StartAsync();
        var big = DownloadFixture.RandomBytes(300_000, 11);
        var other = DownloadFixture.RandomBytes(90_000, 12);
        await f.PostAsync("big.bin", big, 10_000);
        await f.PostAsync("other.bin", other, 10_000);
        f.Servers[0].Options.Faults.ReplyDelay = TimeSpan.FromMilliseconds(5);
        using var cancel = new CancellationTokenSource();
        var seen = 0;
        f.OnCommand = context =>
        {
            if (context.Verb == "BODY" && Interlocked.Increment(ref seen) == 15)
                cancel.Cancel();
            return ValueTask.FromResult(false);
        };

        var first = await new DownloadEngine(f.Options(connections: 2, depth: 3)).RunAsync(f.Nzb, cancellationToken: cancel.Token);

        Assert.True(first.Cancelled);
        Assert.InRange(first.SegmentsDownloaded, 1, 38);
        Assert.False(File.Exists(f.PathOf("big.bin")));
        Assert.NotEmpty(Directory.GetFiles(f.Output.FullName, ".big.bin.inet-part"));
        f.OnCommand = null;
        await f.WaitQuietAsync(); // the server may still be answering commands the cancelled run had pipelined
        var firstRun = f.BodyCounts[0].ToDictionary();
        f.BodyCounts[0].Clear();

        var second = await new DownloadEngine(f.Options(connections: 2, depth: 3)).RunAsync(f.Nzb);

        Assert.True(second.AllOk);
        Assert.Equal(big, await File.ReadAllBytesAsync(f.PathOf("big.bin")));
        Assert.Equal(other, await File.ReadAllBytesAsync(f.PathOf("other.bin")));
        Assert.Equal(first.SegmentsDownloaded, second.SegmentsResumed);
        Assert.Equal(39 - first.SegmentsDownloaded, second.SegmentsDownloaded);
        Assert.Equal(second.SegmentsDownloaded, f.Bodies(0));
        Assert.All(f.BodyCounts[0].Values, n => Assert.Equal(1, n));
        // What the first run requested but did not finish is all that was asked for twice.
        var again = f.BodyCounts[0].Keys.Intersect(firstRun.Keys).Count();
        Assert.True(again <= firstRun.Count - first.SegmentsDownloaded, $"{again} refetched, {firstRun.Count - first.SegmentsDownloaded} were unfinished");
        Assert.Empty(Directory.GetFiles(f.Output.FullName, "*.inet-part"));
    }

    [Fact]
    public async Task Run_AfterFinishedJob_SecondRunFetchesNothing()
    {
        await using var f = await DownloadFixture.StartAsync();
        var data = DownloadFixture.RandomBytes(30_000, 13);
        await f.PostAsync("done.bin", data, 10_000);
        await new DownloadEngine(f.Options()).RunAsync(f.Nzb);
        f.BodyCounts[0].Clear();

        var again = await new DownloadEngine(f.Options()).RunAsync(f.Nzb);

        Assert.Equal(0, f.Bodies(0));
        Assert.True(again.AllOk);
        var file = Assert.Single(again.Files);
        Assert.True(file.FromEarlierRun);
        Assert.Equal(f.PathOf("done.bin"), file.Path);
        Assert.Equal(3, again.SegmentsResumed);
    }

    [Fact]
    public async Task Run_JournaledSegmentDamagedOnDisk_RefetchedOnResume()
    {
        await using var f = await DownloadFixture.StartAsync();
        var data = DownloadFixture.RandomBytes(40_000, 14);
        var file = await f.PostAsync("disk.bin", data, 10_000);
        // First run: the server holds back segment 4 until the run has been cancelled after three segments
        // (depth 1, so the server has flushed the first three bodies before it reads that command).
        var options = f.Options(connections: 1, depth: 1) with { VerifyPar2 = false };
        using var cancel = new CancellationTokenSource();
        var release = new TaskCompletionSource();
        f.OnCommand = async context =>
        {
            if (context.Verb == "BODY" && context.CommandLine.Contains(file.Segments[3].MessageId, StringComparison.Ordinal))
                await release.Task;
            return false;
        };
        var progress = new SyncProgress<DownloadProgress>(p =>
        {
            if (p.Event == "segment" && p.SegmentsDone == 3)
                cancel.Cancel();
        });
        var first = await new DownloadEngine(options).RunAsync(f.Nzb, progress, cancel.Token);
        release.SetResult();
        Assert.True(first.Cancelled, string.Join("\n", first.Warnings) + $" {first.SegmentsDownloaded} {first.SegmentsFailed} {first.Elapsed}");
        Assert.Equal(3, first.SegmentsDownloaded);
        await f.WaitQuietAsync();
        var temp = Assert.Single(Directory.GetFiles(f.Output.FullName, ".disk.bin.inet-part"));
        await using (var stream = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite))
        {
            stream.Position = 15_000; // inside segment 2
            stream.WriteByte((byte)(data[15_000] ^ 0xFF));
        }
        f.OnCommand = null;
        f.BodyCounts[0].Clear();

        var second = await new DownloadEngine(options).RunAsync(f.Nzb);

        Assert.Equal(data, await File.ReadAllBytesAsync(f.PathOf("disk.bin")));
        Assert.Equal(2, second.SegmentsResumed);
        Assert.Equal(new[] { file.Segments[1].MessageId, file.Segments[3].MessageId }.Select(id => "<" + id + ">").Order(), f.BodyCounts[0].Keys.Order());
        Assert.Contains(second.Warnings, w => w.Contains("did not match", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_StateFileOfAnotherJob_Ignored()
    {
        await using var f = await DownloadFixture.StartAsync();
        var data = DownloadFixture.RandomBytes(20_000, 15);
        await f.PostAsync("x.bin", data, 10_000);
        var state = Path.Combine(f.Output.FullName, "job.journal");
        await File.WriteAllTextAsync(state, "{\"k\":\"job\",\"id\":\"0000000000000000\"}\n{\"k\":\"done\",\"f\":0,\"name\":\"x.bin\",\"status\":\"Ok\",\"size\":1,\"segments\":2,\"missing\":0,\"damaged\":0}\n");

        var report = await new DownloadEngine(f.Options() with { StateFile = state }).RunAsync(f.Nzb);

        Assert.Equal((0, 2), (report.SegmentsResumed, report.SegmentsDownloaded));
        Assert.Equal(data, await File.ReadAllBytesAsync(f.PathOf("x.bin")));
    }

    [Fact]
    public async Task Run_HostileMessageIdInNzb_NeverSentAndReported()
    {
        await using var f = await DownloadFixture.StartAsync();
        var data = DownloadFixture.RandomBytes(10_000, 16);
        var file = await f.PostAsync("ids.bin", data, 10_000);
        var evil = new NzbFile { Subject = "\"evil.bin\" yEnc (1/1)" };
        evil.Segments.Add(new NzbSegment(1, 100, "a@b>\r\nQUIT\r\n<c@d"));
        f.Nzb.Files.Add(evil);

        var report = await new DownloadEngine(f.Options()).RunAsync(f.Nzb);

        Assert.Equal(data, await File.ReadAllBytesAsync(f.PathOf("ids.bin")));
        Assert.Equal(1, report.SegmentsFailed);
        Assert.Equal(1, f.Bodies(0));
        Assert.False(report.Files[1].IsOk);
        _ = file;
    }
}
