using Inet.Codecs;
using Inet.News.Posting;
using MimeKit;
using static Inet.Tests.News.Posting.PostingKit;

namespace Inet.Tests.News.Posting;

public sealed class UuMimePostingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inet-post-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Uu_SplitByWholeLines_PartsConcatenatedDecodeToTheFile()
    {
        var data = WriteFile(_dir, "doc.pdf", 2500, seed: 10);
        await using var server = await StartServerAsync();
        var result = Assert.Single(await new BinaryPoster(Client(server), Options(PostEncoding.Uu, partSize: 1000)).PostAsync([Path.Combine(_dir, "doc.pdf")]));

        // 1000 rounds down to 990 bytes = 22 lines of 45.
        Assert.Equal([990L, 990, 520], result.Parts.Select(p => p.Bytes));
        var articles = result.Parts.Select(p => Article(server, p.MessageId)).ToList();
        Assert.Equal(["\"doc.pdf\" (1/3)", "\"doc.pdf\" (2/3)", "\"doc.pdf\" (3/3)"], articles.Select(a => Header(a.Head, "Subject")));
        var lines = articles.Select(a => YencPostingTests.Lines(a.Body)).ToList();
        Assert.Equal("begin 644 doc.pdf", lines[0][0]);
        Assert.Equal(23, lines[0].Length);
        Assert.Equal(22, lines[1].Length);
        Assert.All(lines[1], l => Assert.StartsWith("M", l));
        Assert.Equal(["`", "end"], lines[2][^2..]);
        Assert.DoesNotContain(lines[1], l => l.StartsWith("begin", StringComparison.Ordinal));

        var collector = new UuCollector();
        UuDecoder.Decode(articles.SelectMany(a => a.Body).ToArray(), collector);
        var file = Assert.Single(collector.Files);
        Assert.Equal("doc.pdf", file.Name);
        Assert.True(file.Complete);
        Assert.Equal(data, file.Data);
    }

    [Fact]
    public async Task Uu_SmallFile_IsOneCompleteArticle()
    {
        var data = WriteFile(_dir, "note.bin", 100, seed: 11);
        await using var server = await StartServerAsync();
        var result = Assert.Single(await new BinaryPoster(Client(server), Options(PostEncoding.Uu)).PostAsync([Path.Combine(_dir, "note.bin")]));
        var (head, body) = Article(server, Assert.Single(result.Parts).MessageId);
        Assert.Equal("\"note.bin\" (1/1)", Header(head, "Subject"));
        var collector = new UuCollector();
        UuDecoder.Decode(body, collector);
        Assert.Equal(data, Assert.Single(collector.Files).Data);
    }

    [Fact]
    public async Task Mime_OneArticleWithBase64Attachment()
    {
        var data = WriteFile(_dir, "photo.jpg", 20_000, seed: 12);
        await using var server = await StartServerAsync();
        var options = Options(PostEncoding.Mime) with { Subject = "A photo", ExtraHeaders = [new("X-Newsposter", "t")] };
        var result = Assert.Single(await new BinaryPoster(Client(server), options).PostAsync([Path.Combine(_dir, "photo.jpg")]));

        var part = Assert.Single(result.Parts);
        Assert.True(part.IsPosted);
        var raw = server.Store.FindArticle(part.MessageId)!.ToRawArticle();
        using var message = await MimeMessage.LoadAsync(new MemoryStream(raw));
        Assert.Equal(part.MessageId, "<" + message.MessageId + ">");
        Assert.Equal("A photo \"photo.jpg\" (1/1)", message.Subject);
        Assert.Equal(Group, message.Headers[HeaderId.Newsgroups]);
        Assert.Equal("t", message.Headers["X-Newsposter"]);
        Assert.Equal("Inet", message.Headers["User-Agent"]);
        var attachment = Assert.IsType<MimePart>(Assert.Single(message.Attachments));
        Assert.Equal("photo.jpg", attachment.FileName);
        Assert.Equal(ContentEncoding.Base64, attachment.ContentTransferEncoding);
        var decoded = new MemoryStream();
        await attachment.Content!.DecodeToAsync(decoded);
        Assert.Equal(data, decoded.ToArray());
        Assert.True(raw.Length >= part.EncodedBytes - 200 && raw.Length <= part.EncodedBytes + 200, $"stored {raw.Length}, sent {part.EncodedBytes}");
    }

    [Fact]
    public async Task Mime_FileOverTheLimit_IsRefusedBeforeConnecting()
    {
        WriteFile(_dir, "huge.iso", 5000, seed: 13);
        var poster = new BinaryPoster(_ => throw new Xunit.Sdk.XunitException("must not connect"), Options(PostEncoding.Mime, partSize: 4000));
        var e = await Assert.ThrowsAsync<ArgumentException>(() => poster.PostAsync([Path.Combine(_dir, "huge.iso")]));
        Assert.Contains("huge.iso", e.Message, StringComparison.Ordinal);
    }
}
