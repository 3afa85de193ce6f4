using System.Text;
using Inet.Codecs;
using MimeKit;
using Crc = System.IO.Hashing.Crc32;

namespace Inet.Tests.Codecs;

public sealed class MimeCodecTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inet-mime-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static async Task<MemoryStream> SerializeAsync(MimeMessage message)
    {
        var stream = new MemoryStream();
        await message.WriteToAsync(stream);
        stream.Position = 0;
        return stream;
    }

    [Fact]
    public async Task Compose_ThenExtract_RoundTripsBinaryAttachments()
    {
        var image = RandomBytes(70_000, 1);
        var archive = RandomBytes(1_234, 2);
        var message = MimeComposer.Compose(
            "Poster <poster@example.com>", "Holiday pictures", "See attached.",
            [new MimeAttachment("beach.jpg", new MemoryStream(image)), new MimeAttachment("data.7z", new MemoryStream(archive))],
            to: ["friend@example.org"]);

        var results = await MimeAttachmentExtractor.ExtractAsync(await SerializeAsync(message), _dir);

        Assert.Equal(["beach.jpg", "data.7z"], results.Select(r => r.FileName));
        Assert.All(results, r => Assert.Equal(AssemblyStatus.Ok, r.Status));
        Assert.Equal(image, await File.ReadAllBytesAsync(results[0].Path!));
        Assert.Equal(archive, await File.ReadAllBytesAsync(results[1].Path!));
        Assert.Equal(Crc.HashToUInt32(image), results[0].Crc32);
        Assert.Equal(image.Length, results[0].Size);
    }

    [Fact]
    public async Task Compose_ProducesMultipartMixedWithBase64Attachment()
    {
        var message = MimeComposer.Compose("a@example.com", "s", "body",
            [new MimeAttachment("C:\\Users\\me\\secret\\report.pdf", new MemoryStream([1, 2, 3]))],
            newsgroups: ["alt.binaries.test", "alt.test"]);

        var mixed = Assert.IsType<Multipart>(message.Body);
        Assert.Equal("multipart/mixed", mixed.ContentType.MimeType);
        var text = Assert.IsType<TextPart>(mixed[0]);
        Assert.Equal("body", text.Text);
        var part = Assert.IsType<MimePart>(mixed[1]);
        Assert.Equal(ContentEncoding.Base64, part.ContentTransferEncoding);
        Assert.Equal("report.pdf", part.FileName);
        Assert.Equal("application/pdf", part.ContentType.MimeType);
        Assert.True(part.IsAttachment);
        Assert.Equal("alt.binaries.test,alt.test", message.Headers["Newsgroups"]);

        var raw = Encoding.ASCII.GetString((await SerializeAsync(message)).ToArray());
        Assert.Contains("Content-Transfer-Encoding: base64", raw, StringComparison.Ordinal);
        Assert.Contains("AQID", raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Subject\r\nBcc: victim@example.com", null)]
    [InlineData("ok", "alt.test\r\nX-Injected: 1")]
    [InlineData("ok", "alt.test,other")]
    public void Compose_HeaderInjection_IsRejected(string subject, string? group) =>
        Assert.Throws<ArgumentException>(() => MimeComposer.Compose("a@example.com", subject, "x", [],
            newsgroups: group is null ? null : [group]));

    [Fact]
    public async Task Extract_QuotedPrintableAndUuencodeParts()
    {
        var uuData = RandomBytes(3_000, 3);
        var qpPart = new MimePart("text", "plain")
        {
            Content = new MimeContent(new MemoryStream(Encoding.UTF8.GetBytes("Grüße = café\nline two\n"))),
            ContentTransferEncoding = ContentEncoding.QuotedPrintable,
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            FileName = "notes.txt",
        };
        var uuPart = new MimePart("application", "octet-stream")
        {
            Content = new MimeContent(new MemoryStream(uuData)),
            ContentTransferEncoding = ContentEncoding.UUEncode,
            FileName = "blob.bin",
        };
        var message = new MimeMessage { Subject = "mixed encodings" };
        message.From.Add(MailboxAddress.Parse("a@example.com"));
        message.Body = new Multipart("mixed") { new TextPart("plain") { Text = "hi" }, qpPart, uuPart };

        var serialized = await SerializeAsync(message);
        var raw = Encoding.ASCII.GetString(serialized.ToArray());
        Assert.Contains("quoted-printable", raw, StringComparison.Ordinal);
        Assert.Contains("x-uuencode", raw, StringComparison.Ordinal);

        var results = await MimeAttachmentExtractor.ExtractAsync(serialized, _dir);

        Assert.Equal(["notes.txt", "blob.bin"], results.Select(r => r.FileName));
        Assert.Equal("Grüße = café\nline two\n", await File.ReadAllTextAsync(results[0].Path!));
        Assert.Equal(uuData, await File.ReadAllBytesAsync(results[1].Path!));
    }

    [Fact]
    public async Task Extract_NestedMultipartsAndAttachedMessage()
    {
        var inner = MimeComposer.Compose("b@example.com", "forwarded", "inner body",
            [new MimeAttachment("inner.bin", new MemoryStream([9, 8, 7]))]);
        var alternative = new Multipart("alternative")
        {
            new TextPart("plain") { Text = "plain body" },
            new TextPart("html") { Text = "<p>html body</p>" },
        };
        var related = new Multipart("related")
        {
            alternative,
            new MimePart("image", "png") { Content = new MimeContent(new MemoryStream([1, 2])), ContentTransferEncoding = ContentEncoding.Base64 },
        };
        var message = new MimeMessage { Subject = "nested" };
        message.From.Add(MailboxAddress.Parse("a@example.com"));
        message.Body = new Multipart("mixed") { related, new MessagePart { Message = inner } };

        var results = await MimeAttachmentExtractor.ExtractAsync(await SerializeAsync(message), _dir);

        Assert.Equal(["attachment-1.png", "inner.bin"], results.Select(r => r.FileName));
        Assert.Equal([1, 2], await File.ReadAllBytesAsync(results[0].Path!));
        Assert.Equal([9, 8, 7], await File.ReadAllBytesAsync(results[1].Path!));
        Assert.Equal(2, Directory.GetFiles(_dir).Length); // text bodies are not saved
    }

    [Fact]
    public async Task Extract_HostileFileNames_StayInsideFolder()
    {
        var message = MimeComposer.Compose("a@example.com", "s", "x", []);
        var mixed = Assert.IsType<Multipart>(message.Body);
        foreach (var name in new[] { "../../../etc/cron.d/evil", "..\\..\\boot.ini", "NUL.txt", ".htaccess" })
        {
            var part = new MimePart("application", "octet-stream")
            {
                Content = new MimeContent(new MemoryStream([1])),
                ContentTransferEncoding = ContentEncoding.Base64,
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            };
            part.ContentDisposition.Parameters.Add("filename", name); // bypass any client-side cleaning
            mixed.Add(part);
        }

        var results = await MimeAttachmentExtractor.ExtractAsync(await SerializeAsync(message), _dir);

        Assert.Equal(["evil", "boot.ini", "_NUL.txt", "htaccess"], results.Select(r => Path.GetFileName(r.Path)));
        Assert.All(results, r => Assert.True(SafeFileName.IsDirectChild(_dir, r.Path!)));
    }

    [Fact]
    public async Task Extract_PlainNewsArticleWithUuencodedBody()
    {
        var data = RandomBytes(10_000, 4);
        var article = "From: poster@example.com\r\nNewsgroups: alt.binaries.test\r\nSubject: file.zip (1/1)\r\n\r\n"
            + "Here it is.\r\n\r\n" + UuEncoder.Encode(data, "file.zip", newLine: "\r\n") + "\r\n-- \r\nsig\r\n";

        var results = await MimeAttachmentExtractor.ExtractAsync(new MemoryStream(Encoding.ASCII.GetBytes(article)), _dir);

        var result = Assert.Single(results);
        Assert.Equal(AssemblyStatus.Ok, result.Status);
        Assert.Equal(data, await File.ReadAllBytesAsync(result.Path!));
    }

    [Fact]
    public async Task Extract_UuScanDisabled_IgnoresTextBodies()
    {
        var article = "Subject: x\r\n\r\n" + UuEncoder.Encode([1, 2, 3], "f.bin", newLine: "\r\n");
        var results = await MimeAttachmentExtractor.ExtractAsync(new MemoryStream(Encoding.ASCII.GetBytes(article)), _dir, scanTextForUuencode: false);
        Assert.Empty(results);
    }
}
