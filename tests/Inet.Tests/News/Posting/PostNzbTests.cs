using Inet.News.Nzb;
using Inet.News.Posting;
using static Inet.Tests.News.Posting.PostingKit;

namespace Inet.Tests.News.Posting;

public sealed class PostNzbTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inet-post-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Nzb_OfARealPost_ListsEverySegmentAsPosted()
    {
        WriteFile(_dir, "a.bin", 2500, seed: 30);
        WriteFile(_dir, "b.bin", 900, seed: 31);
        await using var server = await StartServerAsync();
        var options = Options(partSize: 1000) with { Newsgroups = [Group, "alt.test.other"], Subject = "set" };
        var results = await new BinaryPoster(Client(server), options).PostAsync([Path.Combine(_dir, "a.bin"), Path.Combine(_dir, "b.bin")]);
        var path = Path.Combine(_dir, "post.nzb");

        await PostNzb.WriteAsync(results, path, title: "my set");

        Assert.False(File.Exists(path + ".part"));
        await using var stream = File.OpenRead(path);
        var read = await NzbReader.ReadAsync(stream);
        Assert.Empty(read.Warnings);
        Assert.Equal("my set", read.Document.Title);
        Assert.Equal(2, read.Document.Files.Count);
        for (var i = 0; i < results.Count; i++)
        {
            var file = read.Document.Files[i];
            var result = results[i];
            Assert.Equal(result.Subject, file.Subject);
            Assert.Equal(From, file.Poster);
            Assert.Equal(result.Date.ToUnixTimeSeconds(), file.Date!.Value.ToUnixTimeSeconds());
            Assert.Equal([Group, "alt.test.other"], file.Groups);
            Assert.Equal(result.Parts.Select(p => p.Number), file.Segments.Select(s => s.Number));
            Assert.Equal(result.Parts.Select(p => p.EncodedBytes), file.Segments.Select(s => s.Bytes));
            Assert.Equal(result.Parts.Select(p => p.MessageId.Trim('<', '>')), file.Segments.Select(s => s.MessageId));
            Assert.All(file.Segments, s => Assert.NotNull(server.Store.FindArticle("<" + s.MessageId + ">")));
            Assert.Equal(result.FileName, file.ParsedSubject.FileName);
        }
        // Segment bytes are article sizes: the stored article only adds the server's Path/Xref-like headers.
        var stored = server.Store.FindArticle(results[0].Parts[0].MessageId)!.ToRawArticle().Length;
        Assert.InRange(read.Document.Files[0].Segments[0].Bytes, stored - 300, stored);
    }

    [Fact]
    public void Create_LeavesOutUnpostedPartsAndEmptyFiles()
    {
        PostedPart Part(string file, int n, PartPostStatus status) =>
            new(file, n, 2, $"<{file}{n}@x>", (n - 1) * 10L, 10, 30, status, 1);
        var results = new[]
        {
            new PostResult("/a", "a", 20, 1, "\"a\" yEnc (1/2)", From, [Group], DateTimeOffset.UnixEpoch, [Part("a", 1, PartPostStatus.Posted), Part("a", 2, PartPostStatus.Refused)]),
            new PostResult("/b", "b", 20, 2, "\"b\" yEnc (1/2)", From, [Group], DateTimeOffset.UnixEpoch, [Part("b", 1, PartPostStatus.Failed), Part("b", 2, PartPostStatus.NotPosted)]),
        };
        var document = PostNzb.Create(results);
        var file = Assert.Single(document.Files);
        Assert.Equal("\"a\" yEnc (1/2)", file.Subject);
        Assert.Equal(new NzbSegment(1, 30, "a1@x"), Assert.Single(file.Segments));
        Assert.Null(document.Title);
    }
}
