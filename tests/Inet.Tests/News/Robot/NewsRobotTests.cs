using System.Text;
using Inet.Codecs;
using Inet.Codecs.Yenc;
using Inet.News.Robot;
using Inet.Nntp.Server;

namespace Inet.Tests.News.Robot;

public class NewsRobotTests
{
    [Fact]
    public async Task Run_MultipartYenc_AssembledWithMatchingBytes_SecondRunFindsNothing()
    {
        await using var f = await RobotFixture.StartAsync();
        var data = RobotFixture.RandomBytes(250_000, 1);
        await f.PostYencAsync("movie.bin", data, 60_000);
        var small = RobotFixture.RandomBytes(5000, 2);
        await f.PostYencAsync("small.dat", small, 100_000);

        var report = await new NewsRobot(f.Options()).RunAsync();

        Assert.Equal(data, await File.ReadAllBytesAsync(Path.Combine(f.Output.FullName, "movie.bin")));
        Assert.Equal(small, await File.ReadAllBytesAsync(Path.Combine(f.Output.FullName, "small.dat")));
        var movie = Assert.Single(report.Files, x => x.Name == "movie.bin");
        Assert.Equal((AssemblyStatus.Ok, 5, 250_000L), (movie.Status, movie.PartsFound, movie.Size));
        Assert.Equal(Crc32Math.Append(0, data), movie.Crc32);
        Assert.Equal(6, report.ArticlesFetched);
        Assert.True(report.AllOk);

        var again = await new NewsRobot(f.Options()).RunAsync();
        Assert.Equal(0, again.ArticlesFetched);
        Assert.Empty(again.Files);
    }

    [Fact]
    public async Task Run_NewArticlesAfterFirstRun_OnlyNewOnesFetched()
    {
        await using var f = await RobotFixture.StartAsync();
        await f.PostYencAsync("one.bin", RobotFixture.RandomBytes(1000, 3), 600);
        var first = await new NewsRobot(f.Options()).RunAsync();
        Assert.Equal(2, first.ArticlesFetched);
        var later = RobotFixture.RandomBytes(3000, 4);
        await f.PostYencAsync("two.bin", later, 1000);
        var second = await new NewsRobot(f.Options()).RunAsync();
        Assert.Equal(3, second.ArticlesFetched);
        Assert.Equal(later, await File.ReadAllBytesAsync(Path.Combine(f.Output.FullName, "two.bin")));
    }

    [Fact]
    public async Task Run_UuencodeMimeAndText_DecodedOrSaved()
    {
        await using var f = await RobotFixture.StartAsync();
        var uuData = RobotFixture.RandomBytes(2000, 5);
        var uuText = new StringBuilder("Here is the file:\r\n\r\n");
        uuText.Append(UuEncoder.Encode(uuData, "picture.jpg", newLine: "\r\n"));
        await f.Server.Store.AddArticleAsync(RobotFixture.Group, "picture.jpg uuencoded", Encoding.ASCII.GetBytes(uuText.ToString()));
        var mimeData = RobotFixture.RandomBytes(3000, 6);
        var message = MimeComposer.Compose("Poster <p@example.com>", "doc attached", "see attachment",
            [new MimeAttachment("report.pdf", new MemoryStream(mimeData), "application/pdf")], newsgroups: [RobotFixture.Group]);
        var raw = new MemoryStream();
        await message.WriteToAsync(raw);
        await f.Server.Store.AddArticleAsync(raw.ToArray());
        await f.PostTextAsync("just talking", "no binaries here\r\n");

        var report = await new NewsRobot(f.Options(saveText: true)).RunAsync();

        Assert.Equal(uuData, await File.ReadAllBytesAsync(Path.Combine(f.Output.FullName, "picture.jpg")));
        Assert.Equal(mimeData, await File.ReadAllBytesAsync(Path.Combine(f.Output.FullName, "report.pdf")));
        var saved = Assert.Single(Directory.GetFiles(Path.Combine(f.Output.FullName, "text")));
        Assert.Contains("no binaries here", await File.ReadAllTextAsync(saved), StringComparison.Ordinal);
        Assert.Equal(3, report.ArticlesFetched);
        Assert.Contains(report.Files, x => x.Kind == "uuencode");
        Assert.Contains(report.Files, x => x.Kind == "mime");
    }

    [Fact]
    public async Task Run_Filters_SizeAndSubject()
    {
        await using var f = await RobotFixture.StartAsync();
        await f.PostYencAsync("wanted.bin", RobotFixture.RandomBytes(20_000, 7), 50_000);
        await f.PostYencAsync("tiny.bin", RobotFixture.RandomBytes(100, 8), 50_000);
        await f.PostYencAsync("other.iso", RobotFixture.RandomBytes(20_000, 9), 50_000);
        var filter = new ArticleFilter { MinSize = 5_000, Subject = ArticleFilter.Pattern(@"\.bin""") };

        var report = await new NewsRobot(f.Options(filter)).RunAsync();

        Assert.Equal(["wanted.bin"], report.Files.Select(x => x.Name));
        Assert.Equal(2, report.ArticlesSkipped);
        Assert.False(File.Exists(Path.Combine(f.Output.FullName, "tiny.bin")));
        // Skipped articles are finished too: a run without the filter does not go back for them.
        var again = await new NewsRobot(f.Options()).RunAsync();
        Assert.Equal(0, again.ArticlesFetched);
    }

    [Fact]
    public async Task Run_MissingPart_FileKeptAsideIncomplete()
    {
        await using var f = await RobotFixture.StartAsync();
        var ids = await f.PostYencAsync("holey.bin", RobotFixture.RandomBytes(30_000, 10), 10_000);
        f.Server.Options.Faults.MarkMissing(ids[1]);

        var report = await new NewsRobot(f.Options()).RunAsync();

        var file = Assert.Single(report.Files);
        Assert.Equal(AssemblyStatus.Incomplete, file.Status);
        Assert.Equal([2], file.PartsMissing);
        Assert.False(File.Exists(Path.Combine(f.Output.FullName, "holey.bin")));
        Assert.True(File.Exists(Path.Combine(f.Output.FullName, "holey.bin.incomplete")));
        Assert.False(report.AllOk);
    }

    [Fact]
    public async Task Run_BodyAnswered430_CountedFailedAndFileIncomplete()
    {
        await using var f = await RobotFixture.StartAsync();
        var ids = await f.PostYencAsync("gone.bin", RobotFixture.RandomBytes(30_000, 16), 10_000);
        f.Server.Options.Faults.OnCommand = (context, ct) =>
        {
            if (context.Verb != "BODY" || !context.CommandLine.Contains(ids[0], StringComparison.Ordinal))
                return ValueTask.FromResult(false);
            context.SendLine("430 No such article");
            return ValueTask.FromResult(true);
        };

        var report = await new NewsRobot(f.Options()).RunAsync();

        Assert.Equal(1, report.ArticlesFailed);
        Assert.Equal([1], Assert.Single(report.Files).PartsMissing);
        Assert.Contains(report.Warnings, w => w.Contains("430", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_CorruptPart_FileMarkedDamaged()
    {
        await using var f = await RobotFixture.StartAsync();
        var ids = await f.PostYencAsync("bad.bin", RobotFixture.RandomBytes(30_000, 11), 10_000);
        f.Server.Options.Faults.MarkCorrupt(ids[2]);

        var report = await new NewsRobot(f.Options()).RunAsync();

        var file = Assert.Single(report.Files);
        Assert.Equal(AssemblyStatus.CrcMismatch, file.Status);
        Assert.True(File.Exists(Path.Combine(f.Output.FullName, "bad.bin.damaged")));
        Assert.False(File.Exists(Path.Combine(f.Output.FullName, "bad.bin")));
    }

    [Fact]
    public async Task Run_HostileNames_StayInsideOutputFolder()
    {
        await using var f = await RobotFixture.StartAsync();
        await f.PostYencAsync("../../escape.bin", RobotFixture.RandomBytes(500, 12), 1000);
        await f.PostYencAsync("/etc/passwd", RobotFixture.RandomBytes(500, 13), 1000);
        await f.PostYencAsync("C:\\Windows\\evil.dll", RobotFixture.RandomBytes(500, 14), 1000);
        var parent = f.Output.Parent!.FullName;

        var report = await new NewsRobot(f.Options()).RunAsync();

        Assert.Equal(3, report.Files.Count);
        Assert.All(report.Files, x => Assert.StartsWith(f.Output.FullName + Path.DirectorySeparatorChar, x.Path, StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(parent, "escape.bin")));
        Assert.Equal(3, Directory.GetFiles(f.Output.FullName).Length);
        Assert.True(File.Exists(Path.Combine(f.Output.FullName, "escape.bin")));
    }

    [Fact]
    public async Task Run_ConnectionDropsMidDownload_ReconnectsWithoutLossOrDuplicates()
    {
        await using var f = await RobotFixture.StartAsync();
        var data = RobotFixture.RandomBytes(400_000, 15);
        await f.PostYencAsync("big.bin", data, 50_000);
        var calls = 0;
        f.Server.Options.Faults.OnCommand = async (context, ct) =>
        {
            // Every third BODY on a connection kills it.
            await Task.CompletedTask;
            if (context.Verb == "BODY" && Interlocked.Increment(ref calls) % 3 == 0)
            {
                context.Disconnect = true;
                return true;
            }
            return false;
        };

        var report = await new NewsRobot(f.Options(connections: 2)).RunAsync();

        Assert.True(report.AllOk, string.Join("\n", report.Warnings) + string.Join("\n", report.Files));
        Assert.Equal(data, await File.ReadAllBytesAsync(Path.Combine(f.Output.FullName, "big.bin")));
        Assert.Equal(8, report.ArticlesFetched);
        Assert.Equal(AssemblyStatus.Ok, Assert.Single(report.Files).Status);
    }

    [Fact]
    public async Task Run_CancelledMidway_RerunCompletesWithoutRefetchingFinishedFiles()
    {
        await using var f = await RobotFixture.StartAsync();
        var files = new List<byte[]>();
        for (var i = 0; i < 4; i++)
        {
            files.Add(RobotFixture.RandomBytes(40_000, 20 + i));
            await f.PostYencAsync($"file{i}.bin", files[i], 10_000);
        }
        using var cts = new CancellationTokenSource();
        var finished = 0;
        var progress = new SyncProgress(p => { if (p.Event == "file" && Interlocked.Increment(ref finished) == 1) cts.Cancel(); });

        var first = await new NewsRobot(f.Options(connections: 1)).RunAsync(progress, cts.Token);
        Assert.True(first.Cancelled);
        var done = first.Files.Where(x => x.Status == AssemblyStatus.Ok).Select(x => x.Name).ToList();
        Assert.NotEmpty(done);

        var kept = RobotStateStore.Load(f.Options().StatePath).Partial.Values.Sum(p => p.Parts.Count);

        var second = await new NewsRobot(f.Options()).RunAsync();
        Assert.DoesNotContain(second.Files, x => done.Contains(x.Name));
        for (var i = 0; i < 4; i++)
            Assert.Equal(files[i], await File.ReadAllBytesAsync(Path.Combine(f.Output.FullName, $"file{i}.bin")));
        Assert.Equal(16 - 4 * done.Count - kept, second.ArticlesFetched);
        Assert.Empty(Directory.GetFiles(f.Output.FullName, "*.incomplete"));
    }

    [Fact]
    public async Task Run_RenumberedGroup_IsReported()
    {
        await using var f = await RobotFixture.StartAsync();
        await f.PostYencAsync("a.bin", RobotFixture.RandomBytes(100, 30), 1000);
        var options = f.Options();
        var state = new RobotState();
        state.For("127.0.0.1", f.Server.Port, RobotFixture.Group).MarkDoneThrough(5000);
        RobotStateStore.Save(state, options.StatePath);

        var report = await new NewsRobot(options).RunAsync();

        Assert.Contains(report.Warnings, w => w.Contains("renumbered", StringComparison.Ordinal));
        Assert.Equal(1, report.ArticlesFetched);
    }

    [Fact]
    public async Task Run_ServerWithoutOverview_FallsBackToHead()
    {
        await using var f = await RobotFixture.StartAsync();
        var data = RobotFixture.RandomBytes(12_000, 40);
        await f.PostYencAsync("headonly.bin", data, 5_000);
        f.Server.Options.Faults.OnCommand = (context, ct) =>
        {
            if (context.Verb is not ("OVER" or "XOVER"))
                return ValueTask.FromResult(false);
            context.SendLine("500 What?");
            return ValueTask.FromResult(true);
        };

        var report = await new NewsRobot(f.Options()).RunAsync();

        Assert.Equal(data, await File.ReadAllBytesAsync(Path.Combine(f.Output.FullName, "headonly.bin")));
        Assert.Equal(3, report.ArticlesSeen);
    }

    [Fact]
    public async Task Run_ArticleWithOverlongLine_FailsThatArticleOnly_NothingWrittenOutside()
    {
        await using var f = await RobotFixture.StartAsync();
        var good = RobotFixture.RandomBytes(3_000, 41);
        await f.PostYencAsync("good.bin", good, 10_000);
        var hostile = "=ybegin line=128 size=10 name=../../overlong.bin\r\n" + new string('x', 200_000) + "\r\n=yend size=10\r\n";
        await f.Server.Store.AddArticleAsync(RobotFixture.Group, "\"../../overlong.bin\" yEnc (1/1)", Encoding.ASCII.GetBytes(hostile));

        var report = await new NewsRobot(f.Options(connections: 1)).RunAsync();

        Assert.Equal(good, await File.ReadAllBytesAsync(Path.Combine(f.Output.FullName, "good.bin")));
        Assert.Equal(1, report.ArticlesFailed);
        Assert.False(File.Exists(Path.Combine(f.Output.Parent!.FullName, "overlong.bin")));
        Assert.All(Directory.GetFiles(f.Output.FullName), path => Assert.StartsWith(f.Output.FullName, path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_ArticleMimeKitCannotParse_FailsThatArticleOnly()
    {
        await using var f = await RobotFixture.StartAsync();
        var good = RobotFixture.RandomBytes(2_000, 42);
        await f.PostYencAsync("fine.bin", good, 10_000);
        var broken = await f.PostTextAsync("plain words", "text\r\n");
        f.Server.Options.Faults.OnCommand = (context, ct) =>
        {
            if (context.Verb != "ARTICLE" || !context.CommandLine.Contains(broken, StringComparison.Ordinal))
                return ValueTask.FromResult(false);
            context.SendRaw($"220 0 {broken}\r\nno colon in this header line\r\n.\r\n");
            return ValueTask.FromResult(true);
        };

        var report = await new NewsRobot(f.Options(connections: 1, saveText: true)).RunAsync();

        Assert.Equal(good, await File.ReadAllBytesAsync(Path.Combine(f.Output.FullName, "fine.bin")));
        Assert.Equal(1, report.ArticlesFailed);
        Assert.Contains(report.Warnings, w => w.Contains("cannot decode", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_StoppedMidFile_NextRunFetchesOnlyMissingParts()
    {
        await using var f = await RobotFixture.StartAsync();
        var data = RobotFixture.RandomBytes(80_000, 43);
        await f.PostYencAsync("long.bin", data, 10_000);
        using var cts = new CancellationTokenSource();
        var seen = 0;
        var progress = new SyncProgress(p => { if (p.Event == "article" && Interlocked.Increment(ref seen) == 3) cts.Cancel(); });
        var options = f.Options(connections: 1) with { PipelineDepth = 1 };

        var first = await new NewsRobot(options).RunAsync(progress, cts.Token);

        Assert.True(first.Cancelled);
        var partial = Assert.Single(RobotStateStore.Load(options.StatePath).Partial.Values);
        Assert.InRange(partial.Parts.Count, 3, 7);
        Assert.True(File.Exists(Path.Combine(f.Output.FullName, partial.TempLeaf)));

        var second = await new NewsRobot(f.Options()).RunAsync();

        Assert.Equal(8 - partial.Parts.Count, second.ArticlesFetched);
        Assert.Equal(data, await File.ReadAllBytesAsync(Path.Combine(f.Output.FullName, "long.bin")));
        Assert.Empty(RobotStateStore.Load(options.StatePath).Partial);
        Assert.False(File.Exists(Path.Combine(f.Output.FullName, partial.TempLeaf)));
        Assert.Equal(0, (await new NewsRobot(f.Options()).RunAsync()).ArticlesFetched);
    }

    [Fact]
    public async Task Run_DiskFull_StopsKeepingTheHalfFile_NextRunFetchesOnlyMissingParts()
    {
        await using var f = await RobotFixture.StartAsync();
        var data = RobotFixture.RandomBytes(80_000, 47);
        await f.PostYencAsync("full.bin", data, 10_000);
        // One connection, so the parts arrive in order: the disk is full from part 4 (offset 30,000) on.
        var options = f.Options(connections: 1) with
        {
            PipelineDepth = 1,
            WriteFault = offset =>
            {
                if (offset >= 30_000)
                    throw new IOException("No space left on device");
            },
        };

        var error = await Assert.ThrowsAsync<Inet.Codecs.OutputWriteException>(() => new NewsRobot(options).RunAsync());

        Assert.Equal("full.bin", error.FileName);
        var partial = Assert.Single(RobotStateStore.Load(options.StatePath).Partial.Values);
        Assert.Equal(3, partial.Parts.Count);
        Assert.True(File.Exists(Path.Combine(f.Output.FullName, partial.TempLeaf)));

        var second = await new NewsRobot(f.Options()).RunAsync();

        Assert.Equal(8 - partial.Parts.Count, second.ArticlesFetched);
        Assert.Equal(data, await File.ReadAllBytesAsync(Path.Combine(f.Output.FullName, "full.bin")));
        Assert.Empty(RobotStateStore.Load(options.StatePath).Partial);
    }

    [Fact]
    public async Task Run_ResumedPartCorruptedOnDisk_IsFetchedAgain()
    {
        await using var f = await RobotFixture.StartAsync();
        var data = RobotFixture.RandomBytes(40_000, 44);
        await f.PostYencAsync("check.bin", data, 10_000);
        using var cts = new CancellationTokenSource();
        var seen = 0;
        var progress = new SyncProgress(p => { if (p.Event == "article" && Interlocked.Increment(ref seen) == 2) cts.Cancel(); });
        var options = f.Options(connections: 1) with { PipelineDepth = 1 };
        await new NewsRobot(options).RunAsync(progress, cts.Token);
        var partial = Assert.Single(RobotStateStore.Load(options.StatePath).Partial.Values);
        var damaged = partial.Parts[0];
        await using (var temp = new FileStream(Path.Combine(f.Output.FullName, partial.TempLeaf), FileMode.Open, FileAccess.Write))
        {
            temp.Position = damaged.Offset;
            temp.WriteByte(0x5a);
            temp.WriteByte(0xa5);
        }

        var second = await new NewsRobot(f.Options()).RunAsync();

        Assert.Equal(4 - partial.Parts.Count + 1, second.ArticlesFetched);
        Assert.Contains(second.Warnings, w => w.Contains("no longer match", StringComparison.Ordinal));
        Assert.Equal(data, await File.ReadAllBytesAsync(Path.Combine(f.Output.FullName, "check.bin")));
    }

    [Fact]
    public async Task Run_SameFileNamePostedTwice_BothKeptUnderDistinctNames()
    {
        await using var f = await RobotFixture.StartAsync();
        var first = RobotFixture.RandomBytes(20_000, 45);
        var second = RobotFixture.RandomBytes(20_000, 46);
        await f.PostYencAsync("repost.bin", first, 10_000);
        await f.PostYencAsync("repost.bin", second, 10_000);

        var report = await new NewsRobot(f.Options(connections: 1)).RunAsync();

        Assert.Equal(2, report.Files.Count(x => x.Status == AssemblyStatus.Ok));
        var contents = Directory.GetFiles(f.Output.FullName, "repost*").Select(File.ReadAllBytes).ToList();
        Assert.Equal(2, contents.Count);
        Assert.Contains(contents, c => c.AsSpan().SequenceEqual(first));
        Assert.Contains(contents, c => c.AsSpan().SequenceEqual(second));
    }

    private sealed class SyncProgress(Action<RobotProgress> action) : IProgress<RobotProgress>
    {
        public void Report(RobotProgress value) => action(value);
    }
}
