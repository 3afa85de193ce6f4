using System.Collections.Concurrent;
using Inet.News.Posting;
using Inet.Nntp.Server;
using static Inet.Tests.News.Posting.PostingKit;

namespace Inet.Tests.News.Posting;

public sealed class PostingFaultTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inet-post-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Func<NntpFaultContext, CancellationToken, ValueTask<bool>> RefuseNthPost(int n)
    {
        var posts = 0;
        return (c, _) =>
        {
            if (c.Verb != "POST" || Interlocked.Increment(ref posts) != n)
                return ValueTask.FromResult(false);
            c.SendLine("441 hook refuses this one");
            return ValueTask.FromResult(true);
        };
    }

    [Fact]
    public async Task Refusal441_IsReportedForThatPart_AndTheRestIsPosted()
    {
        WriteFile(_dir, "a.bin", 3000, seed: 20);
        WriteFile(_dir, "b.bin", 2500, seed: 21);
        await using var server = await StartServerAsync(o => o.Faults.OnCommand = RefuseNthPost(2));
        var results = await new BinaryPoster(Client(server), Options(partSize: 1000)).PostAsync(
            [Path.Combine(_dir, "a.bin"), Path.Combine(_dir, "b.bin")]);

        var refused = Assert.Single(results.SelectMany(r => r.Parts), p => !p.IsPosted);
        Assert.Equal(("a.bin", 2, 3), (refused.FileName, refused.Number, refused.Total));
        Assert.Equal(PartPostStatus.Refused, refused.Status);
        Assert.Equal(441, refused.ReplyCode);
        Assert.Contains("hook refuses", refused.Error, StringComparison.Ordinal);
        Assert.Equal(1, refused.Attempts);
        Assert.Null(server.Store.FindArticle(refused.MessageId));
        Assert.False(results[0].IsComplete);
        Assert.True(results[1].IsComplete);
        Assert.Equal(5, server.Store.FindGroup(Group)!.Count);
        var nzb = PostNzb.Create(results);
        Assert.Equal([1, 3], nzb.Files[0].Segments.Select(s => s.Number));
        Assert.Equal(3, nzb.Files[1].Segments.Count);
    }

    [Fact]
    public async Task Refusal441_WithStopOnRefusal_LeavesLaterPartsNotPosted()
    {
        WriteFile(_dir, "a.bin", 4000, seed: 22);
        await using var server = await StartServerAsync(o => o.Faults.OnCommand = RefuseNthPost(2));
        var result = Assert.Single(await new BinaryPoster(Client(server), Options(partSize: 1000) with { StopOnRefusal = true })
            .PostAsync([Path.Combine(_dir, "a.bin")]));

        Assert.Equal([PartPostStatus.Posted, PartPostStatus.Refused, PartPostStatus.NotPosted, PartPostStatus.NotPosted],
            result.Parts.Select(p => p.Status));
        Assert.Equal(1, server.Store.FindGroup(Group)!.Count);
    }

    [Fact]
    public async Task ConnectionDrops_AreRetried_NothingLostOrDuplicated()
    {
        var data = WriteFile(_dir, "big.bin", 30_000, seed: 23);
        var connections = new ConcurrentDictionary<string, byte>();
        await using var server = await StartServerAsync(o => o.Faults.OnCommand = (c, _) =>
        {
            connections.TryAdd(c.RemoteEndPoint!.ToString()!, 0);
            return ValueTask.FromResult(false);
        });
        // Every connection is cut after a few replies: somewhere in a 340, a 240 or a STAT answer.
        var greeting = await MeasureGreetingAndCapabilitiesAsync(server);
        server.Options.Faults.DisconnectAfterBytes = greeting + 250;
        var options = Options(partSize: 2000) with { MaxRetries = 6 };
        var result = Assert.Single(await new BinaryPoster(Client(server), options).PostAsync([Path.Combine(_dir, "big.bin")]));

        Assert.True(result.IsComplete, string.Join("; ", result.Parts.Select(p => $"{p.Number}:{p.Status} {p.Error}")));
        Assert.True(connections.Count >= 4, $"only {connections.Count} connections");
        Assert.Contains(result.Parts, p => p.Attempts > 1);
        var group = server.Store.FindGroup(Group)!;
        Assert.Equal(15, group.Count);
        Assert.Equal(result.Parts.Select(p => p.MessageId).Order(), group.Range(1, 100).Select(a => a.Article.MessageId).Order());
        var (decoded, _) = await DecodeYencAsync(result.Parts.Select(p => Article(server, p.MessageId).Body), data.Length);
        Assert.Equal(data, decoded);
    }

    [Fact]
    public async Task Lost240_RetryFindsTheArticleWithStat_AndDoesNotRepost()
    {
        WriteFile(_dir, "a.bin", 1500, seed: 24);
        var posts = 0;
        await using var server = await StartServerAsync(o => o.Faults.OnCommand = (c, _) =>
        {
            if (c.Verb == "POST" && Interlocked.Increment(ref posts) == 1)
                o.Faults.DisconnectAfterBytes = null; // only the first connection is cut
            return ValueTask.FromResult(false);
        });
        var greeting = await MeasureGreetingAndCapabilitiesAsync(server);
        const string Send340 = "340 Send article to be posted. End with <CR-LF>.<CR-LF>\r\n";
        server.Options.Faults.DisconnectAfterBytes = greeting + Send340.Length + 5; // inside the first 240

        var result = Assert.Single(await new BinaryPoster(Client(server), Options(partSize: 1000)).PostAsync([Path.Combine(_dir, "a.bin")]));

        Assert.True(result.IsComplete);
        Assert.Equal(2, result.Parts[0].Attempts);
        Assert.Equal(1, result.Parts[1].Attempts);
        Assert.Equal(2, posts); // part 1 once (its retry only asked STAT), part 2 once
        Assert.Equal(2, server.Store.FindGroup(Group)!.Count);
        Assert.True(result.Parts[0].EncodedBytes > 1000);
    }

    [Fact]
    public async Task RefusalAfterTheArticleWasSent_IsReported_AndTheConnectionStaysInStep()
    {
        WriteFile(_dir, "small.bin", 1000, seed: 32);
        WriteFile(_dir, "large.bin", 9000, seed: 33);
        WriteFile(_dir, "last.bin", 1000, seed: 34);
        var posts = 0;
        await using var server = await StartServerAsync(o =>
        {
            o.MaxArticleSize = 6000; // the server reads the whole large article, then answers 441
            o.Faults.OnCommand = (c, _) => { if (c.Verb == "POST") Interlocked.Increment(ref posts); return ValueTask.FromResult(false); };
        });
        var results = await new BinaryPoster(Client(server), Options(partSize: 10_000)).PostAsync(
            [Path.Combine(_dir, "small.bin"), Path.Combine(_dir, "large.bin"), Path.Combine(_dir, "last.bin")]);

        Assert.Equal([true, false, true], results.Select(r => r.IsComplete));
        var refused = Assert.Single(results[1].Parts);
        Assert.Equal((PartPostStatus.Refused, 441), (refused.Status, refused.ReplyCode));
        Assert.Contains("too large", refused.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(3, posts); // one connection, no retries
    }

    [Fact]
    public async Task DropRightAfter340_ArticleIsSentAgainOnANewConnection()
    {
        WriteFile(_dir, "a.bin", 300_000, seed: 35);
        var posts = 0;
        await using var server = await StartServerAsync(o => o.Faults.OnCommand = (c, _) =>
        {
            if (c.Verb != "POST" || Interlocked.Increment(ref posts) != 1)
                return ValueTask.FromResult(false);
            // Invite the article, then hang up while the client is sending it.
            c.SendLine("340 send it");
            c.Disconnect = true;
            return ValueTask.FromResult(true);
        });

        var result = Assert.Single(await new BinaryPoster(Client(server), Options()).PostAsync([Path.Combine(_dir, "a.bin")]));

        var part = Assert.Single(result.Parts);
        Assert.True(part.IsPosted);
        Assert.Equal(2, part.Attempts);
        Assert.Equal(2, posts);
        Assert.Equal(1, server.Store.FindGroup(Group)!.Count);
    }

    [Fact]
    public async Task DropBeforeTheArticle_IsPostedOnRetry()
    {
        WriteFile(_dir, "a.bin", 800, seed: 25);
        var posts = 0;
        await using var server = await StartServerAsync(o => o.Faults.OnCommand = (c, _) =>
        {
            if (c.Verb == "POST" && Interlocked.Increment(ref posts) == 1)
            {
                c.Disconnect = true;
                return ValueTask.FromResult(true);
            }
            return ValueTask.FromResult(false);
        });
        var result = Assert.Single(await new BinaryPoster(Client(server), Options()).PostAsync([Path.Combine(_dir, "a.bin")]));
        var part = Assert.Single(result.Parts);
        Assert.True(part.IsPosted);
        Assert.Equal(2, part.Attempts);
        Assert.NotNull(server.Store.FindArticle(part.MessageId));
    }

    [Fact]
    public async Task ServerGone_FailsAfterBoundedRetries_AndStopsTheRun()
    {
        WriteFile(_dir, "a.bin", 3000, seed: 26);
        var server = await StartServerAsync();
        var client = Client(server);
        await server.DisposeAsync();
        var options = Options(partSize: 1000) with { MaxRetries = 2 };
        var result = Assert.Single(await new BinaryPoster(client, options).PostAsync([Path.Combine(_dir, "a.bin")]));

        Assert.Equal(PartPostStatus.Failed, result.Parts[0].Status);
        Assert.Equal(3, result.Parts[0].Attempts);
        Assert.NotNull(result.Parts[0].Error);
        Assert.All(result.Parts.Skip(1), p => Assert.Equal(PartPostStatus.NotPosted, p.Status));
    }

    [Fact]
    public async Task Auth480_LogsInWithConfiguredCredentials_AndPostsEverything()
    {
        var data = WriteFile(_dir, "a.bin", 2500, seed: 27);
        var verbs = new ConcurrentQueue<string>();
        await using var server = await StartServerAsync(o =>
        {
            o.UserName = "alice";
            o.Password = "s3cret";
            o.Faults.OnCommand = (c, _) => { verbs.Enqueue(c.Verb); return ValueTask.FromResult(false); };
        });
        var result = Assert.Single(await new BinaryPoster(Client(server, "alice", "s3cret"), Options(partSize: 1000))
            .PostAsync([Path.Combine(_dir, "a.bin")]));

        Assert.True(result.IsComplete);
        Assert.Equal(4, verbs.Count(v => v == "POST")); // the first got 480, then three accepted
        Assert.Equal(2, verbs.Count(v => v == "AUTHINFO")); // USER and PASS, once
        var (decoded, _) = await DecodeYencAsync(result.Parts.Select(p => Article(server, p.MessageId).Body), data.Length);
        Assert.Equal(data, decoded);
    }

    [Fact]
    public async Task Auth480_WithoutCredentials_FailsAtOnce()
    {
        WriteFile(_dir, "a.bin", 2500, seed: 28);
        await using var server = await StartServerAsync(o => { o.UserName = "alice"; o.Password = "s3cret"; });
        var result = Assert.Single(await new BinaryPoster(Client(server), Options(partSize: 1000)).PostAsync([Path.Combine(_dir, "a.bin")]));

        Assert.Equal(PartPostStatus.Failed, result.Parts[0].Status);
        Assert.Equal(480, result.Parts[0].ReplyCode);
        Assert.Equal(1, result.Parts[0].Attempts);
        Assert.All(result.Parts.Skip(1), p => Assert.Equal(PartPostStatus.NotPosted, p.Status));
    }

    [Fact]
    public async Task Auth_WrongPassword_Fails()
    {
        WriteFile(_dir, "a.bin", 500, seed: 29);
        await using var server = await StartServerAsync(o => { o.UserName = "alice"; o.Password = "s3cret"; });
        var result = Assert.Single(await new BinaryPoster(Client(server, "alice", "wrong"), Options()).PostAsync([Path.Combine(_dir, "a.bin")]));
        Assert.Equal(PartPostStatus.Failed, Assert.Single(result.Parts).Status);
        Assert.Equal(481, result.Parts[0].ReplyCode);
    }

    [Theory]
    [InlineData("bad group")]
    [InlineData("a,b")]
    [InlineData("")]
    public void InvalidNewsgroup_IsRejected(string group) =>
        Assert.Throws<ArgumentException>(() => new BinaryPoster(_ => throw new InvalidOperationException(), Options() with { Newsgroups = [group] }));

    [Fact]
    public void HeaderInjection_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => new BinaryPoster(_ => throw new InvalidOperationException(), Options() with { Subject = "x\r\nControl: cancel" }));
        Assert.Throws<ArgumentException>(() => new BinaryPoster(_ => throw new InvalidOperationException(), Options() with { From = "a@b\nX: y" }));
        Assert.Throws<ArgumentException>(() => new BinaryPoster(_ => throw new InvalidOperationException(), Options() with { ExtraHeaders = [new("X-A", "1\r\nX-B: 2")] }));
    }

    [Fact]
    public async Task MissingFile_ThrowsBeforeConnecting()
    {
        var poster = new BinaryPoster(_ => throw new Xunit.Sdk.XunitException("must not connect"), Options());
        await Assert.ThrowsAsync<FileNotFoundException>(() => poster.PostAsync([Path.Combine(_dir, "nope.bin")]));
    }
}
