using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Inet.Codecs;
using Inet.Codecs.Yenc;
using Inet.Core;
using Inet.IntegrationTests.Infrastructure;
using Inet.News.Robot;
using Inet.Nntp;

namespace Inet.IntegrationTests.News;

/// <summary>The news robot against the real INN 2: post yEnc parts, fetch them back, compare hashes.</summary>
[Collection(NntpServerCollection.Name)]
public sealed class NewsRobotInnTests(NntpServerFixture server)
{
    private NntpClientOptions ClientOptions() => new()
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

    private static async Task PostYencAsync(NntpClient client, string name, byte[] data, int partSize)
    {
        var total = (data.Length + partSize - 1) / partSize;
        var writer = new YencPartWriter();
        for (var part = 1; part <= total; part++)
        {
            var begin = (part - 1) * partSize;
            var count = Math.Min(partSize, data.Length - begin);
            var article = new MemoryStream();
            article.Write(Encoding.ASCII.GetBytes(
                $"From: Inet Robot Test <robot@example.test>\r\nNewsgroups: {NntpServerSettings.BinariesGroup}\r\nSubject: \"{name}\" yEnc ({part}/{total})\r\n\r\n"));
            await writer.WritePartAsync(new MemoryStream(data, begin, count), count, article, new YencPartSpec(name, data.Length, part, total, begin + 1));
            article.Position = 0;
            await client.PostAsync(article);
        }
    }

    [RequiresNntpServerFact]
    public async Task Cli_NewsPostThenNewsFetch_HashesMatch()
    {
        var work = Directory.CreateTempSubdirectory("inet-cli-news-");
        try
        {
            var name = $"cli-{Guid.NewGuid():N}.bin";
            var source = Path.Combine(work.FullName, name);
            var data = RandomNumberGenerator.GetBytes(1_600_000);
            await File.WriteAllBytesAsync(source, data);
            var root = new System.CommandLine.RootCommand();
            foreach (var command in Inet.Cli.CommandCatalog.All())
                root.Subcommands.Add(command);
            var url = $"nntp://{server.Settings.Host}:{server.Settings.Port}/{NntpServerSettings.BinariesGroup}";
            var quiet = new System.CommandLine.InvocationConfiguration { Output = new StringWriter(), Error = new StringWriter() };

            Assert.Equal(ExitCodes.Ok, await root.Parse(["news", "post", url, source, "--part-size", "600000", "--connections", "2"]).InvokeAsync(quiet));
            var incoming = Path.Combine(work.FullName, "incoming");
            Assert.Equal(ExitCodes.Ok, await root.Parse(["news", "fetch", url, "-o", incoming, "--subject", Path.GetFileNameWithoutExtension(name), "--json"]).InvokeAsync(quiet));

            Assert.Equal(SHA256.HashData(data), SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(incoming, name))));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [RequiresNntpServerFact]
    public async Task Robot_FetchesPostedMultipartYenc_ByteIdentical_AndSecondRunFindsNothing()
    {
        var output = Directory.CreateTempSubdirectory("inet-robot-inn-");
        try
        {
            var name = $"robot-{Guid.NewGuid():N}.bin";
            var data = RandomNumberGenerator.GetBytes(900_000);
            await using (var client = await NntpClient.ConnectAsync(ClientOptions()))
                await PostYencAsync(client, name, data, 300_000);

            var options = new NewsRobotOptions
            {
                Server = ClientOptions(),
                Groups = [NntpServerSettings.BinariesGroup],
                OutputDirectory = output.FullName,
                Connections = 3,
                Filter = new ArticleFilter { Subject = ArticleFilter.Pattern(Path.GetFileNameWithoutExtension(name)) },
            };
            var report = await new NewsRobot(options).RunAsync();

            var file = Assert.Single(report.Files);
            Assert.Equal((name, AssemblyStatus.Ok, 3), (file.Name, file.Status, file.PartsFound));
            Assert.Equal(SHA256.HashData(data), SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(output.FullName, name))));
            Assert.Equal(Crc32Math.Append(0, data), file.Crc32);

            var again = await new NewsRobot(options).RunAsync();
            Assert.Equal(0, again.ArticlesFetched);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }
}
