using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Inet.Cli.News;
using Inet.Codecs;
using Inet.Core;
using Inet.News.Posting;
using Inet.News.Robot;
using Inet.Nntp;
using Inet.Nntp.Server;
using Spectre.Console;

namespace Inet.Cli.Demo;

/// <summary>
/// The demo: an embedded server on loopback, sample files posted as yEnc (multi-part), uuencode
/// and MIME plus a few text articles, then the robot fetches and decodes them, and every file is
/// checked against the original by SHA-256.
/// </summary>
internal sealed class DemoRunner(string workFolder, int sizeMb)
{
    private const string Group = "inet.demo.binaries";

    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var source = Directory.CreateDirectory(Path.Combine(workFolder, "source")).FullName;
        var incoming = Path.Combine(workFolder, "incoming");
        var samples = CreateSamples(source);

        await using var server = await NntpServer.StartNewAsync(new NntpServerOptions(), cancellationToken).ConfigureAwait(false);
        await server.Store.CreateGroupAsync(Group, "Inet demo binaries", cancellationToken: cancellationToken).ConfigureAwait(false);
        AnsiConsole.MarkupLine($"[bold]inet demo[/]: embedded news server on [blue]{server.EndPoint}[/], group [blue]{Group}[/]");
        AnsiConsole.MarkupLine($"work folder: {Markup.Escape(workFolder)}");

        var client = new NntpClientOptions { Connection = new ConnectionSettings { Host = "127.0.0.1", Port = server.Port } };
        await PostAsync(client, samples, cancellationToken).ConfigureAwait(false);

        var robot = new NewsRobot(new NewsRobotOptions
        {
            Server = client,
            Groups = [Group],
            OutputDirectory = incoming,
            Connections = 4,
            SaveText = true,
        });
        AnsiConsole.MarkupLine("[bold]news robot[/]: following the group and decoding into incoming/");
        var report = await RobotConsole.RunAsync(robot, incoming, json: false, cancellationToken).ConfigureAwait(false);
        var ok = Verify(samples, incoming, report);
        AnsiConsole.MarkupLine(ok
            ? $"[green]all {samples.Count} files verified[/] in {clock.Elapsed.TotalSeconds:0.0} s"
            : "[red]verification failed[/]");
        return ok;
    }

    private sealed record Sample(string Path, PostEncoding Encoding);

    private List<Sample> CreateSamples(string folder)
    {
        var random = new Random(20261201);
        Sample Make(string name, int size, PostEncoding encoding)
        {
            var data = new byte[size];
            random.NextBytes(data);
            var path = System.IO.Path.Combine(folder, name);
            File.WriteAllBytes(path, data);
            return new Sample(path, encoding);
        }
        return
        [
            Make("holiday-video.mkv", sizeMb * 1_000_000 + 12_345, PostEncoding.Yenc),
            Make("photo.jpg", 180_000, PostEncoding.Uu),
            Make("report.pdf", 95_000, PostEncoding.Mime),
        ];
    }

    private static async Task PostAsync(NntpClientOptions client, List<Sample> samples, CancellationToken cancellationToken)
    {
        var results = new List<PostResult>();
        foreach (var group in samples.GroupBy(s => s.Encoding))
        {
            var poster = new BinaryPoster(client, new BinaryPostOptions
            {
                Newsgroups = [Group],
                From = "Inet Demo <demo@inet.invalid>",
                Encoding = group.Key,
                Connections = 2,
            });
            results.AddRange(await poster.PostAsync(group.Select(s => s.Path).ToList(), cancellationToken: cancellationToken).ConfigureAwait(false));
        }
        await using (var connection = await NntpClient.ConnectAsync(client, cancellationToken).ConfigureAwait(false))
        {
            for (var i = 1; i <= 3; i++)
            {
                var text = $"From: Inet Demo <demo@inet.invalid>\r\nNewsgroups: {Group}\r\nSubject: Demo discussion {i}\r\n\r\nA text article with no binary in it ({i}).\r\n";
                await connection.PostAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), cancellationToken).ConfigureAwait(false);
            }
            await connection.QuitAsync(cancellationToken).ConfigureAwait(false);
        }
        foreach (var r in results)
        {
            var posted = r.Parts.Count(p => p.IsPosted);
            AnsiConsole.MarkupLine($"posted [blue]{Markup.Escape(r.FileName)}[/]: {posted}/{r.Parts.Count} parts, {r.Size:N0} bytes");
        }
        AnsiConsole.MarkupLine("posted 3 text articles");
    }

    private static bool Verify(List<Sample> samples, string incoming, RobotReport report)
    {
        var table = new Table().AddColumns("file", "posted as", "size", "sha-256 matches original");
        var ok = report.AllOk;
        foreach (var sample in samples)
        {
            var name = System.IO.Path.GetFileName(sample.Path);
            var decoded = System.IO.Path.Combine(incoming, name);
            var match = File.Exists(decoded) && SHA256.HashData(File.ReadAllBytes(decoded)).AsSpan().SequenceEqual(SHA256.HashData(File.ReadAllBytes(sample.Path)));
            ok &= match;
            table.AddRow(Markup.Escape(name), sample.Encoding.ToString().ToLowerInvariant(),
                new FileInfo(sample.Path).Length.ToString("N0", CultureInfo.InvariantCulture),
                match ? "[green]yes[/]" : File.Exists(decoded) ? "[red]NO[/]" : "[red]missing[/]");
        }
        var texts = Directory.Exists(System.IO.Path.Combine(incoming, "text")) ? Directory.GetFiles(System.IO.Path.Combine(incoming, "text")).Length : 0;
        ok &= texts == 3;
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"text articles saved as .eml: {texts}");
        return ok;
    }
}
