using System.Collections.Concurrent;
using Inet.Codecs;
using Inet.News.Download;

namespace Inet.Tests.News.Download;

public class DownloadEngineTests
{
    [Fact]
    public async Task Run_TwoFilesOneServer_ByteIdenticalEachSegmentFetchedOnce()
    {
        await using var f = await DownloadFixture.StartAsync();
        var movie = DownloadFixture.RandomBytes(250_000, 1);
        var small = DownloadFixture.RandomBytes(700, 2);
        await f.PostAsync("movie.bin", movie, 40_000);
        await f.PostAsync("small.txt", small, 40_000);
        var progress = new ConcurrentQueue<DownloadProgress>();

        var report = await new DownloadEngine(f.Options()).RunAsync(f.Nzb, new SyncProgress<DownloadProgress>(progress.Enqueue));

        Assert.Equal(movie, await File.ReadAllBytesAsync(f.PathOf("movie.bin")));
        Assert.Equal(small, await File.ReadAllBytesAsync(f.PathOf("small.txt")));
        Assert.True(report.AllOk);
        Assert.Equal((8, 8, 0, 0), (report.SegmentsTotal, report.SegmentsDownloaded, report.SegmentsFailed, report.SegmentsResumed));
        Assert.Equal(8, f.Bodies(0));
        Assert.All(f.BodyCounts[0].Values, n => Assert.Equal(1, n));
        var file = Assert.Single(report.Files, x => x.Name == "movie.bin");
        Assert.Equal((AssemblyStatus.Ok, 250_000L, Crc32Math.Append(0, movie)), (file.Status, file.Size, file.Crc32));
        Assert.Contains(progress, p => p.Event == "file" && p.FileName == "small.txt");
        Assert.Equal(8, progress.Where(p => p.Event == "segment").Max(p => p.SegmentsDone));
        Assert.Empty(Directory.GetFiles(f.Output.FullName, "*.inet-part"));
    }

    [Fact]
    public async Task Run_PerServerConnectionLimit_KeptAndBackupNeverOpenedWhenNotNeeded()
    {
        await using var f = await DownloadFixture.StartAsync(servers: 2);
        var data = DownloadFixture.RandomBytes(300_000, 19);
        await f.PostAsync("pool.bin", data, 5_000);
        // The hook sees the commands of both servers; the client's end point names the connection. Every new
        // connection sends at least CAPABILITIES/MODE READER, so a connection to the backup would show up too.
        var connections = new ConcurrentDictionary<string, byte>();
        f.OnCommand = context =>
        {
            connections.TryAdd(context.RemoteEndPoint?.ToString() ?? "", 0);
            return ValueTask.FromResult(false);
        };
        var options = f.Options(connections: 3, depth: 2);
        options = options with { Servers = [options.Servers[0], options.Servers[1] with { Connections = 5 }] };

        var report = await new DownloadEngine(options).RunAsync(f.Nzb);

        Assert.True(report.AllOk);
        Assert.Equal(3, connections.Count);
        Assert.Equal(0, f.Bodies(1));
    }

    [Fact]
    public async Task Run_SegmentsMissingOnFirstServer_FetchedFromSecondOnly()
    {
        await using var f = await DownloadFixture.StartAsync(servers: 2);
        var data = DownloadFixture.RandomBytes(100_000, 3);
        var file = await f.PostAsync("backfill.bin", data, 10_000);
        var missing = new[] { file.Segments[2].MessageId, file.Segments[7].MessageId };
        foreach (var id in missing)
            f.Servers[0].Options.Faults.MarkMissing("<" + id + ">");

        var report = await new DownloadEngine(f.Options()).RunAsync(f.Nzb);

        Assert.Equal(data, await File.ReadAllBytesAsync(f.PathOf("backfill.bin")));
        Assert.True(report.AllOk);
        Assert.Equal(10, f.Bodies(0));
        Assert.Equal(missing.Select(id => "<" + id + ">").Order(), f.BodyCounts[1].Keys.Order());
        Assert.Equal((2, 2, 8), (report.Failovers, report.Servers[0].Missing, report.Servers[0].Fetched));
    }

    [Fact]
    public async Task Run_SegmentMissingEverywhere_FileIncompleteAndReported()
    {
        await using var f = await DownloadFixture.StartAsync(servers: 2);
        var file = await f.PostAsync("gap.bin", DownloadFixture.RandomBytes(30_000, 4), 10_000);
        foreach (var server in f.Servers)
            server.Options.Faults.MarkMissing("<" + file.Segments[1].MessageId + ">");

        var report = await new DownloadEngine(f.Options()).RunAsync(f.Nzb);

        Assert.False(report.AllOk);
        var result = Assert.Single(report.Files);
        Assert.Equal((AssemblyStatus.Incomplete, 1, 0), (result.Status, result.SegmentsMissing, result.SegmentsDamaged));
        Assert.Equal(f.PathOf("gap.bin.incomplete"), result.Path);
        Assert.False(File.Exists(f.PathOf("gap.bin")));
        Assert.Equal(1, report.SegmentsFailed);
        Assert.Contains(report.Warnings, w => w.Contains(file.Segments[1].MessageId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_CorruptOnFirstServerGoodOnSecond_FileIntact()
    {
        await using var f = await DownloadFixture.StartAsync(servers: 2);
        var data = DownloadFixture.RandomBytes(60_000, 5);
        var file = await f.PostAsync("crc.bin", data, 10_000);
        f.Servers[0].Options.Faults.MarkCorrupt("<" + file.Segments[3].MessageId + ">");

        var report = await new DownloadEngine(f.Options()).RunAsync(f.Nzb);

        Assert.Equal(data, await File.ReadAllBytesAsync(f.PathOf("crc.bin")));
        Assert.True(report.AllOk);
        Assert.Equal((1, 1), (report.Servers[0].Damaged, f.Bodies(1)));
    }

    [Fact]
    public async Task Run_ThreeServers_MissingOnFirstCorruptOnSecond_ThirdDelivers()
    {
        await using var f = await DownloadFixture.StartAsync(servers: 3);
        var data = DownloadFixture.RandomBytes(40_000, 18);
        var file = await f.PostAsync("third.bin", data, 10_000);
        var id = "<" + file.Segments[2].MessageId + ">";
        f.Servers[0].Options.Faults.MarkMissing(id);
        f.Servers[1].Options.Faults.MarkCorrupt(id);

        var report = await new DownloadEngine(f.Options(connections: 1)).RunAsync(f.Nzb);

        Assert.Equal(data, await File.ReadAllBytesAsync(f.PathOf("third.bin")));
        Assert.Equal((4, 1, 1), (f.Bodies(0), f.Bodies(1), f.Bodies(2)));
        Assert.Equal((1, 1, 1), (report.Servers[0].Missing, report.Servers[1].Damaged, report.Servers[2].Fetched));
        Assert.Equal(2, report.Failovers);
    }

    [Fact]
    public async Task Run_CorruptEverywhere_FileDamaged()
    {
        await using var f = await DownloadFixture.StartAsync(servers: 2);
        var file = await f.PostAsync("bad.bin", DownloadFixture.RandomBytes(30_000, 6), 10_000);
        foreach (var server in f.Servers)
            server.Options.Faults.MarkCorrupt("<" + file.Segments[0].MessageId + ">");

        var report = await new DownloadEngine(f.Options()).RunAsync(f.Nzb);

        var result = Assert.Single(report.Files);
        Assert.Equal((AssemblyStatus.CrcMismatch, 1), (result.Status, result.SegmentsDamaged));
        Assert.Equal(f.PathOf("bad.bin.damaged"), result.Path);
        Assert.False(report.AllOk);
    }

    [Fact]
    public async Task Run_ConnectionDroppedEveryThirdArticle_AllSegmentsArriveIntact()
    {
        await using var f = await DownloadFixture.StartAsync();
        var data = DownloadFixture.RandomBytes(200_000, 7);
        await f.PostAsync("drops.bin", data, 8_000);
        var perConnection = new ConcurrentDictionary<string, int>();
        f.OnCommand = context =>
        {
            if (context.Verb != "BODY")
                return ValueTask.FromResult(false);
            var n = perConnection.AddOrUpdate(context.RemoteEndPoint?.ToString() ?? "", 1, (_, c) => c + 1);
            if (n % 3 != 0)
                return ValueTask.FromResult(false);
            context.Disconnect = true;
            return ValueTask.FromResult(true);
        };

        var report = await new DownloadEngine(f.Options(connections: 3, depth: 4)).RunAsync(f.Nzb);

        Assert.True(report.AllOk, string.Join("\n", report.Warnings) + $" drops {report.Servers[0].ConnectionFailures} fetched {report.Servers[0].Fetched}");
        Assert.Equal(data, await File.ReadAllBytesAsync(f.PathOf("drops.bin")));
        Assert.True(report.AllOk);
        Assert.True(report.Servers[0].ConnectionFailures >= 5, $"only {report.Servers[0].ConnectionFailures} drops");
        Assert.Equal((25, 0), (report.SegmentsDownloaded, report.SegmentsFailed));
    }

    [Fact]
    public async Task Run_ConnectionCutMidBody_PartialSegmentRefetchedFileIntact()
    {
        await using var f = await DownloadFixture.StartAsync();
        var data = DownloadFixture.RandomBytes(120_000, 17);
        await f.PostAsync("cut.bin", data, 10_000);
        f.Servers[0].Options.Faults.DisconnectAfterBytes = 25_000; // two and a half articles per connection

        var report = await new DownloadEngine(f.Options(connections: 2, depth: 2)).RunAsync(f.Nzb);

        Assert.True(report.AllOk, string.Join("\n", report.Warnings));
        Assert.Equal(data, await File.ReadAllBytesAsync(f.PathOf("cut.bin")));
        Assert.True(report.Servers[0].ConnectionFailures >= 4, $"{report.Servers[0].ConnectionFailures} cuts");
        Assert.Equal(12, report.SegmentsDownloaded);
    }

    [Fact]
    public async Task Run_SlowServer_StillCompletes()
    {
        await using var f = await DownloadFixture.StartAsync();
        var data = DownloadFixture.RandomBytes(50_000, 8);
        await f.PostAsync("slow.bin", data, 5_000);
        f.Servers[0].Options.Faults.ReplyDelay = TimeSpan.FromMilliseconds(40);

        var report = await new DownloadEngine(f.Options(connections: 2, depth: 4)).RunAsync(f.Nzb);

        Assert.Equal(data, await File.ReadAllBytesAsync(f.PathOf("slow.bin")));
        Assert.True(report.AllOk);
    }

    [Fact]
    public async Task Run_FirstServerUnreachable_SecondServesEverything()
    {
        await using var f = await DownloadFixture.StartAsync(servers: 2);
        var data = DownloadFixture.RandomBytes(40_000, 9);
        await f.PostAsync("failover.bin", data, 10_000);
        var options = f.Options(connections: 2);
        var closed = options.Servers[0] with
        {
            Client = options.Servers[0].Client with { Connection = options.Servers[0].Client.Connection with { Port = UnusedPort() } },
        };
        options = options with { Servers = [closed, options.Servers[1]], MaxReconnects = 1 };

        var report = await new DownloadEngine(options).RunAsync(f.Nzb);

        Assert.Equal(data, await File.ReadAllBytesAsync(f.PathOf("failover.bin")));
        Assert.True(report.Servers[0].Unreachable);
        Assert.Equal(4, f.Bodies(1));
        Assert.True(report.NetworkFailed);
    }

    [Fact]
    public async Task Run_TraversalInSubjectAndYencName_StaysInsideOutput()
    {
        await using var f = await DownloadFixture.StartAsync();
        var outer = Directory.CreateTempSubdirectory("inet-engine-outer-");
        try
        {
            var output = Directory.CreateDirectory(Path.Combine(outer.FullName, "a", "b"));
            var data = DownloadFixture.RandomBytes(5_000, 10);
            await f.PostAsync("../../escape.bin", data, 2_000, subjectName: "../../escape.bin");

            var report = await new DownloadEngine(f.Options(output: output.FullName)).RunAsync(f.Nzb);

            var result = Assert.Single(report.Files);
            Assert.True(result.IsOk);
            Assert.True(SafeFileName.IsDirectChild(output.FullName, result.Path!), result.Path);
            Assert.Equal(data, await File.ReadAllBytesAsync(result.Path!));
            Assert.Empty(Directory.GetFiles(outer.FullName, "*escape*", SearchOption.TopDirectoryOnly));
            Assert.Empty(Directory.GetFiles(Path.Combine(outer.FullName, "a"), "*escape*", SearchOption.TopDirectoryOnly));
        }
        finally
        {
            outer.Delete(recursive: true);
        }
    }

    private static int UnusedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
