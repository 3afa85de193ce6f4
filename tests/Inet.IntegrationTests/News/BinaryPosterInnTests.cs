using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Inet.Cli;
using Inet.Codecs;
using Inet.Codecs.Yenc;
using Inet.Core;
using Inet.IntegrationTests.Infrastructure;
using Inet.News.Nzb;
using Inet.News.Posting;
using Inet.Nntp;

namespace Inet.IntegrationTests.News;

/// <summary>BinaryPoster and <c>inet news post</c> against the real INN 2 started by test.sh.</summary>
[Collection(NntpServerCollection.Name)]
public sealed class BinaryPosterInnTests(NntpServerFixture server) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inet-inn-post-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private NntpClientOptions Client() => new()
    {
        Connection = new ConnectionSettings
        {
            Host = server.Settings.Host,
            Port = server.Settings.Port,
            ReadTimeout = TimeSpan.FromSeconds(30),
            TrustedRootCertificates = server.CaCertificate is { } ca ? new X509Certificate2Collection(ca) : null,
        },
    };

    private static BinaryPostOptions Options(PostEncoding encoding = PostEncoding.Yenc) => new()
    {
        Newsgroups = [NntpServerSettings.BinariesGroup],
        From = "Inet Tests <tests@example.test>",
        Subject = "inet poster test " + Guid.NewGuid().ToString("N")[..8],
        Encoding = encoding,
        Connections = 2,
    };

    private (string Path, byte[] Data) WriteFile(string name, int size)
    {
        var data = new byte[size];
        new Random(size).NextBytes(data);
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, data);
        return (path, data);
    }

    [RequiresNntpServerFact]
    public async Task YencMultiPart_DefaultPartSize_FetchedByMessageId_DecodesToSameHash()
    {
        // Three parts of 750,000 raw bytes at most: each article about 770 KB, under INN's maxartsize.
        var (path, data) = WriteFile("inn-multipart.bin", 1_700_000);
        var poster = new BinaryPoster(Client(), Options());

        var result = Assert.Single(await poster.PostAsync([path]));

        Assert.True(result.IsComplete, string.Join("; ", result.Parts.Select(p => $"{p.Number}:{p.Status} {p.Error}")));
        Assert.Equal(3, result.Parts.Count);
        Assert.All(result.Parts, p => Assert.InRange(p.EncodedBytes, p.Bytes, 1_000_000));
        var decoded = new byte[data.Length];
        var reader = new YencPartReader();
        await using (var client = await NntpClient.ConnectAsync(Client()))
        {
            foreach (var part in result.Parts)
            {
                await using var body = await client.OpenBodyAsync(ArticleId.ByMessageId(part.MessageId));
                var output = new MemoryStream();
                var decodedPart = await reader.ReadAsync(body.Content, output);
                Assert.True(decodedPart.IsOk, decodedPart.Status.ToString());
                Assert.Equal(decodedPart.ExpectedPartCrc32, decodedPart.Crc32);
                Assert.Equal(part.Offset, decodedPart.Offset);
                output.ToArray().CopyTo(decoded, decodedPart.Offset);
                if (part.Number == 3)
                    Assert.Equal(Crc32Math.Hash(data), decodedPart.ExpectedCrc32);
            }
        }
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(decoded));

        var nzbPath = Path.Combine(_dir, "inn.nzb");
        await PostNzb.WriteAsync([result], nzbPath);
        await using var nzb = File.OpenRead(nzbPath);
        var read = await NzbReader.ReadAsync(nzb);
        Assert.Empty(read.Warnings);
        var file = Assert.Single(read.Document.Files);
        Assert.Equal([NntpServerSettings.BinariesGroup], file.Groups);
        Assert.Equal("inn-multipart.bin", file.ParsedSubject.FileName);
        Assert.Equal(result.Parts.Select(p => p.MessageId.Trim('<', '>')), file.Segments.Select(s => s.MessageId));
    }

    [RequiresNntpServerFact]
    public async Task UuMultiPart_ConcatenatedBodiesDecode()
    {
        var (path, data) = WriteFile("inn-uu.bin", 120_000);
        var options = Options(PostEncoding.Uu) with { PartSize = 50_000 };
        var result = Assert.Single(await new BinaryPoster(Client(), options).PostAsync([path]));

        Assert.True(result.IsComplete);
        var all = new MemoryStream();
        await using (var client = await NntpClient.ConnectAsync(Client()))
        {
            foreach (var part in result.Parts)
                await client.CopyBodyToAsync(ArticleId.ByMessageId(part.MessageId), all);
        }
        var output = new Collector();
        UuDecoder.Decode(all.ToArray(), output);
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(output.Data.ToArray()));
        Assert.True(output.Complete);
    }

    [RequiresNntpServerFact]
    public async Task Cli_NewsPost_ToInn_WritesNzbAndExits0_PartsDecodeToTheFile()
    {
        var (path, data) = WriteFile("inn-cli.bin", 40_000);
        var nzbPath = Path.Combine(_dir, "cli.nzb");
        var root = new RootCommand();
        foreach (var command in CommandCatalog.All())
            root.Subcommands.Add(command);
        var error = new StringWriter();
        var url = $"nntp://{server.Settings.Host}:{server.Settings.Port}/{NntpServerSettings.BinariesGroup}";
        var code = await root.Parse(["news", "post", url, path, "--part-size", "15000", "--nzb", nzbPath])
            .InvokeAsync(new InvocationConfiguration { Output = new StringWriter(), Error = error });

        Assert.True(code == ExitCodes.Ok, error.ToString());
        await using var nzb = File.OpenRead(nzbPath);
        var file = Assert.Single((await NzbReader.ReadAsync(nzb)).Document.Files);
        Assert.Equal(3, file.Segments.Count);
        var decoded = new byte[data.Length];
        var covered = 0L;
        var reader = new YencPartReader();
        await using var client = await NntpClient.ConnectAsync(Client());
        foreach (var segment in file.Segments)
        {
            await using var body = await client.OpenBodyAsync(ArticleId.ByMessageId("<" + segment.MessageId + ">"));
            var output = new MemoryStream();
            var part = await reader.ReadAsync(body.Content, output);
            Assert.True(part.IsOk, part.Status.ToString());
            Assert.Equal(part.ExpectedPartCrc32, part.Crc32);
            output.ToArray().CopyTo(decoded, part.Offset);
            covered += output.Length;
        }
        Assert.Equal(data.Length, covered);
        Assert.Equal(data, decoded);
    }

    [RequiresNntpServerFact(NeedsTlsPort = true)]
    public async Task Cli_NewsPost_MimeOverImplicitTls_WithCaFile()
    {
        var (path, data) = WriteFile("inn-mime.bin", 30_000);
        var ca = server.Settings.CaFile ?? throw new InvalidOperationException("INET_TEST_CA_FILE is not set.");
        var root = new RootCommand();
        foreach (var command in CommandCatalog.All())
            root.Subcommands.Add(command);
        var output = new StringWriter();
        var error = new StringWriter();
        // The test certificate is issued to "localhost".
        var url = $"nntps://localhost:{server.TlsPort}/{NntpServerSettings.BinariesGroup}";
        var code = await root.Parse(["news", "post", url, path, "--encoding", "mime", "--ca-file", ca, "--json"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });

        Assert.True(code == ExitCodes.Ok, error.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(output.ToString());
        var id = json.RootElement.GetProperty("files")[0].GetProperty("parts")[0].GetProperty("messageId").GetString()!;
        await using var client = await NntpClient.ConnectAsync(Client());
        var article = await client.GetArticleAsync(ArticleId.ByMessageId(id));
        var attachment = Assert.IsType<MimeKit.MimePart>(Assert.Single(article.Message.Attachments));
        var decoded = new MemoryStream();
        await attachment.Content!.DecodeToAsync(decoded);
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(decoded.ToArray()));
    }

    private sealed class Collector : IUuOutput
    {
        public MemoryStream Data { get; } = new();

        public bool Complete { get; private set; }

        public void BeginFile(UuBeginLine header) { }

        public void Write(ReadOnlySpan<byte> data) => Data.Write(data);

        public void EndFile(bool complete) => Complete = complete;
    }
}
