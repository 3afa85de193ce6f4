using System.Globalization;
using Inet.Codecs;
using Inet.News;
using Inet.News.Posting;
using Inet.Nntp;
using static Inet.Tests.News.Posting.PostingKit;

namespace Inet.Tests.News.Posting;

public sealed class YencPostingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inet-post-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task MultiPartFile_ReadBackWithClient_DecodesToSameBytesAndCrcs()
    {
        var data = WriteFile(_dir, "movie.bin", 25_123, seed: 1);
        await using var server = await StartServerAsync();
        var poster = new BinaryPoster(Client(server), Options(partSize: 10_000) with { UserAgent = "InetTest/1" });

        var results = await poster.PostAsync([Path.Combine(_dir, "movie.bin")]);

        var result = Assert.Single(results);
        Assert.True(result.IsComplete);
        Assert.Equal(Crc32Math.Hash(data), result.Crc32);
        Assert.Equal([1, 2, 3], result.Parts.Select(p => p.Number));
        Assert.Equal([10_000L, 10_000, 5_123], result.Parts.Select(p => p.Bytes));
        Assert.Equal(3, result.Parts.Select(p => p.MessageId).Distinct().Count());
        var bodies = new List<byte[]>();
        await using (var client = await NntpClient.ConnectAsync(Client(server)))
        {
            foreach (var part in result.Parts)
            {
                var body = new MemoryStream();
                await client.CopyBodyToAsync(ArticleId.ByMessageId(part.MessageId), body);
                bodies.Add(body.ToArray());
            }
        }
        var (decoded, parts) = await DecodeYencAsync(bodies, data.Length);
        Assert.Equal(data, decoded);
        Assert.All(parts, p => Assert.Equal(p.ExpectedPartCrc32, p.Crc32));
        Assert.Equal([1, 2, 3], parts.Select(p => p.Part));
        Assert.All(parts, p => Assert.Equal(3, p.Total));
        Assert.All(parts, p => Assert.Equal("movie.bin", p.Name));
        Assert.Null(parts[0].ExpectedCrc32);
        Assert.Equal(Crc32Math.Hash(data), parts[2].ExpectedCrc32);
        Assert.All(bodies, b => Assert.All(Lines(b)[2..^1], l => Assert.InRange(l.Length, 1, 129)));
    }

    [Fact]
    public async Task Headers_AreCompleteAndMatchTheResult()
    {
        WriteFile(_dir, "a.bin", 3000, seed: 2);
        await using var server = await StartServerAsync();
        var options = Options(partSize: 2000) with
        {
            Newsgroups = [Group, "alt.test.other"],
            UserAgent = "InetTest/1",
            ExtraHeaders = [new("X-Newsposter", "inet test")],
        };
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var result = Assert.Single(await new BinaryPoster(Client(server), options).PostAsync([Path.Combine(_dir, "a.bin")]));

        foreach (var part in result.Parts)
        {
            var (head, _) = Article(server, part.MessageId);
            Assert.Equal(From, Header(head, "From"));
            Assert.Equal(Group + ",alt.test.other", Header(head, "Newsgroups"));
            Assert.Equal($"\"a.bin\" yEnc ({part.Number}/2)", Header(head, "Subject"));
            Assert.Equal(part.MessageId, Header(head, "Message-ID"));
            Assert.Matches(@"^<[0-9a-f]{32}@example\.test>$", part.MessageId);
            Assert.Equal("InetTest/1", Header(head, "User-Agent"));
            Assert.Equal("inet test", Header(head, "X-Newsposter"));
            var date = DateTimeOffset.ParseExact(Header(head, "Date")!, "ddd, dd MMM yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture);
            Assert.InRange(date, before, DateTimeOffset.UtcNow.AddSeconds(1));
            Assert.True(part.EncodedBytes > part.Bytes, "article size counts headers and encoding");
        }
        Assert.NotNull(server.Store.FindGroup("alt.test.other")!.Find(1));
        Assert.Equal("\"a.bin\" yEnc (1/2)", result.Subject);
    }

    [Fact]
    public async Task SmallFile_IsOneArticleWithoutYpart()
    {
        var data = WriteFile(_dir, "small.txt", 500, seed: 3);
        await using var server = await StartServerAsync();
        var result = Assert.Single(await new BinaryPoster(Client(server), Options()).PostAsync([Path.Combine(_dir, "small.txt")]));

        var part = Assert.Single(result.Parts);
        var (head, body) = Article(server, part.MessageId);
        Assert.Equal("\"small.txt\" yEnc (1/1)", Header(head, "Subject"));
        var lines = Lines(body);
        Assert.Equal("=ybegin line=128 size=500 name=small.txt", lines[0]);
        Assert.StartsWith("=yend size=500 crc32=" + Crc32Math.Hash(data).ToString("x8", CultureInfo.InvariantCulture), lines[^1]);
        var (decoded, _) = await DecodeYencAsync([body], data.Length);
        Assert.Equal(data, decoded);
    }

    [Fact]
    public async Task SeveralFiles_GetFileCounterAndPrefix_WhichSubjectParserReadsBack()
    {
        WriteFile(_dir, "x.part1.rar", 2500, seed: 4);
        WriteFile(_dir, "x.part2.rar", 1000, seed: 5);
        await using var server = await StartServerAsync();
        var options = Options(partSize: 1000) with { Subject = "Holiday photos" };
        var results = await new BinaryPoster(Client(server), options).PostAsync(
            [Path.Combine(_dir, "x.part1.rar"), Path.Combine(_dir, "x.part2.rar")]);

        Assert.Equal(["Holiday photos [1/2] - \"x.part1.rar\" yEnc (1/3)", "Holiday photos [2/2] - \"x.part2.rar\" yEnc (1/1)"],
            results.Select(r => r.Subject));
        var stored = results.SelectMany(r => r.Parts).Select(p => Header(Article(server, p.MessageId).Head, "Subject")).ToList();
        Assert.Equal("Holiday photos [1/2] - \"x.part1.rar\" yEnc (3/3)", stored[2]);
        var parsed = SubjectParser.Parse(stored[1]);
        Assert.Equal(new ParsedSubject("x.part1.rar", 2, 3, 1, 2), parsed);
    }

    [Fact]
    public async Task EmptyFile_IsOneEmptyPart()
    {
        File.WriteAllBytes(Path.Combine(_dir, "empty.dat"), []);
        await using var server = await StartServerAsync();
        var result = Assert.Single(await new BinaryPoster(Client(server), Options()).PostAsync([Path.Combine(_dir, "empty.dat")]));
        var part = Assert.Single(result.Parts);
        Assert.True(part.IsPosted);
        var lines = Lines(Article(server, part.MessageId).Body);
        Assert.Equal(["=ybegin line=128 size=0 name=empty.dat", "=yend size=0 crc32=00000000"], lines);
    }

    [Fact]
    public async Task ParallelConnections_PostEveryPartOnce()
    {
        var data = WriteFile(_dir, "big.bin", 40_000, seed: 6);
        var peers = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        await using var server = await StartServerAsync(o => o.Faults.OnCommand = (c, _) =>
        {
            if (c.Verb == "POST")
                peers.AddOrUpdate(c.RemoteEndPoint!.ToString()!, 1, (_, n) => n + 1);
            return ValueTask.FromResult(false);
        });
        server.Options.Faults.ReplyDelay = TimeSpan.FromMilliseconds(20);
        var options = Options(partSize: 4000) with { Connections = 3 };
        var result = Assert.Single(await new BinaryPoster(Client(server), options).PostAsync([Path.Combine(_dir, "big.bin")]));

        Assert.True(result.IsComplete);
        Assert.Equal(10, server.Store.FindGroup(Group)!.Count);
        Assert.True(peers.Count >= 2, $"{peers.Count} connection(s) posted");
        Assert.Equal(10, peers.Values.Sum());
        var (decoded, _) = await DecodeYencAsync(result.Parts.Select(p => Article(server, p.MessageId).Body), data.Length);
        Assert.Equal(data, decoded);
    }

    [Fact]
    public async Task MoreConnectionsThanTheServerAllows_TheExtraOnesStandDown()
    {
        var data = WriteFile(_dir, "a.bin", 12_000, seed: 7);
        await using var server = await StartServerAsync(o => o.MaxConnections = 1);
        var options = Options(partSize: 2000) with { Connections = 3 };
        var result = Assert.Single(await new BinaryPoster(Client(server), options).PostAsync([Path.Combine(_dir, "a.bin")]));

        Assert.True(result.IsComplete, string.Join("; ", result.Parts.Select(p => $"{p.Number}:{p.Status} {p.Error}")));
        Assert.All(result.Parts, p => Assert.Equal(1, p.Attempts));
        var (decoded, _) = await DecodeYencAsync(result.Parts.Select(p => Article(server, p.MessageId).Body), data.Length);
        Assert.Equal(data, decoded);
    }

    internal static string[] Lines(byte[] body) =>
        System.Text.Encoding.Latin1.GetString(body).Split("\r\n", StringSplitOptions.None)[..^1];
}
