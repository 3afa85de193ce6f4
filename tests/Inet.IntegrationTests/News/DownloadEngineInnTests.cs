using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Inet.Codecs;
using Inet.Core;
using Inet.IntegrationTests.Infrastructure;
using Inet.News.Download;
using Inet.News.Nzb;
using Inet.News.Posting;
using Inet.Nntp;
using Inet.Nntp.Server;

namespace Inet.IntegrationTests.News;

/// <summary>The download engine against the real INN 2: post files with BinaryPoster, build the NZB, fetch it back.</summary>
[Collection(NntpServerCollection.Name)]
public sealed class DownloadEngineInnTests(NntpServerFixture server) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inet-inn-engine-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private NntpClientOptions Client() => new()
    {
        Connection = new ConnectionSettings
        {
            Host = server.Settings.Host,
            Port = server.Settings.Port,
            TlsTargetHost = "localhost",
            ReadTimeout = TimeSpan.FromSeconds(30),
            TrustedRootCertificates = server.CaCertificate is { } ca ? new X509Certificate2Collection(ca) : null,
        },
    };

    private (string Path, byte[] Data) WriteFile(string name, int size)
    {
        var data = RandomNumberGenerator.GetBytes(size);
        var path = Path.Combine(_dir, "source", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, data);
        return (path, data);
    }

    [RequiresNntpServerFact]
    public async Task PostedNzb_DownloadedByEngine_ByteIdentical_SecondRunFetchesNothing()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (bigPath, big) = WriteFile($"engine-{tag}.bin", 1_700_000);
        var (smallPath, small) = WriteFile($"engine-{tag}.txt", 12_345);
        var poster = new BinaryPoster(Client(), new BinaryPostOptions
        {
            Newsgroups = [NntpServerSettings.BinariesGroup],
            From = "Inet Tests <tests@example.test>",
            Subject = "inet engine test " + tag,
            PartSize = 400_000,
            Connections = 2,
        });
        var posted = await poster.PostAsync([bigPath, smallPath]);
        var nzb = PostNzb.Create(posted, "engine " + tag);
        var nzbPath = Path.Combine(_dir, "job.nzb");
        await using (var stream = File.Create(nzbPath))
            NzbWriter.Write(nzb, stream);
        await using var read = File.OpenRead(nzbPath);
        var document = (await NzbReader.ReadAsync(read)).Document;
        var output = Path.Combine(_dir, "out");
        var options = new DownloadOptions
        {
            Servers = [new DownloadServer { Client = Client(), Connections = 3 }],
            OutputDirectory = output,
            PipelineDepth = 4,
        };

        var report = await new DownloadEngine(options).RunAsync(document);

        Assert.True(report.AllOk, string.Join("\n", report.Warnings));
        Assert.Equal(6, report.SegmentsDownloaded); // 5 parts of the big file, 1 of the small one
        Assert.Equal(SHA256.HashData(big), SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(output, $"engine-{tag}.bin"))));
        Assert.Equal(small, await File.ReadAllBytesAsync(Path.Combine(output, $"engine-{tag}.txt")));
        Assert.Equal(Crc32Math.Append(0, big), report.Files[0].Crc32);

        var again = await new DownloadEngine(options).RunAsync(document);
        Assert.Equal((0, 6), (again.SegmentsDownloaded, again.SegmentsResumed));
        Assert.True(again.AllOk);
    }

    [RequiresNntpServerFact]
    public async Task EmptyPrimaryServer_EverySegmentBackfilledFromInn()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (path, data) = WriteFile($"backfill-{tag}.bin", 500_000);
        var posted = await new BinaryPoster(Client(), new BinaryPostOptions
        {
            Newsgroups = [NntpServerSettings.BinariesGroup],
            From = "Inet Tests <tests@example.test>",
            PartSize = 200_000,
        }).PostAsync([path]);
        var document = PostNzb.Create(posted);
        await using var empty = await NntpServer.StartNewAsync(new NntpServerOptions());
        var primary = new NntpClientOptions { Connection = new ConnectionSettings { Host = "127.0.0.1", Port = empty.Port } };
        var output = Path.Combine(_dir, "out");

        var report = await new DownloadEngine(new DownloadOptions
        {
            Servers = [new DownloadServer { Client = primary, Connections = 2 }, new DownloadServer { Client = Client(), Connections = 2 }],
            OutputDirectory = output,
        }).RunAsync(document);

        Assert.True(report.AllOk, string.Join("\n", report.Warnings));
        Assert.Equal(data, await File.ReadAllBytesAsync(Path.Combine(output, $"backfill-{tag}.bin")));
        Assert.Equal((3, 0, 3), (report.Servers[0].Missing, report.Servers[0].Fetched, report.Servers[1].Fetched));
        Assert.Equal(3, report.Failovers);
    }

    [RequiresNntpServerFact]
    public async Task Cli_NewsPostWithNzb_ThenNzbGet_ByteIdentical()
    {
        var (a, dataA) = WriteFile("cli-a.bin", 120_000);
        var (b, dataB) = WriteFile("cli-b.bin", 7_000);
        var nzbPath = Path.Combine(_dir, "cli.nzb");
        var url = $"nntp://{server.Settings.Host}:{server.Settings.Port}";
        var (postCode, _, postError) = await RunCliAsync("news", "post", $"{url}/{NntpServerSettings.BinariesGroup}", a, b, "--part-size", "50000", "--nzb", nzbPath);
        Assert.True(postCode == ExitCodes.Ok, postError);
        var output = Path.Combine(_dir, "out");

        var (code, stdout, error) = await RunCliAsync("nzb", "get", nzbPath, "--server", url + "?connections=2", "-o", output, "--json");

        Assert.True(code == ExitCodes.Ok, error + stdout);
        Assert.Equal(dataA, await File.ReadAllBytesAsync(Path.Combine(output, "cli-a.bin")));
        Assert.Equal(dataB, await File.ReadAllBytesAsync(Path.Combine(output, "cli-b.bin")));
        using var json = System.Text.Json.JsonDocument.Parse(stdout);
        Assert.Equal(4, json.RootElement.GetProperty("segmentsDownloaded").GetInt32());
    }

    private static async Task<(int Code, string Output, string Error)> RunCliAsync(params string[] args)
    {
        var root = new System.CommandLine.RootCommand();
        foreach (var command in Inet.Cli.CommandCatalog.All())
            root.Subcommands.Add(command);
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await root.Parse(args).InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
