using System.Collections.Concurrent;
using Inet.Codecs.Yenc;
using Inet.Core;
using Inet.News.Download;
using Inet.News.Nzb;
using Inet.Nntp;
using Inet.Nntp.Server;

namespace Inet.Tests.News.Download;

/// <summary>
/// Embedded news servers carrying the same yEnc posts (same message-ids), an output folder, an NZB of the
/// posts, and a count of BODY commands per server and message-id.
/// </summary>
internal sealed class DownloadFixture : IAsyncDisposable
{
    public const string Group = "alt.binaries.engine";
    private int _nextId;

    private DownloadFixture(List<NntpServer> servers, DirectoryInfo output)
    {
        Servers = servers;
        Output = output;
        BodyCounts = servers.Select(_ => new ConcurrentDictionary<string, int>(StringComparer.Ordinal)).ToList();
        for (var i = 0; i < servers.Count; i++)
        {
            var counts = BodyCounts[i];
            servers[i].Options.Faults.OnCommand = (context, _) =>
            {
                if (context.Verb == "BODY")
                    counts.AddOrUpdate(context.CommandLine[5..].Trim(), 1, (_, n) => n + 1);
                return OnCommand is { } hook ? hook(context) : ValueTask.FromResult(false);
            };
        }
    }

    public List<NntpServer> Servers { get; }

    public DirectoryInfo Output { get; }

    public NzbDocument Nzb { get; } = new();

    /// <summary>BODY commands seen, per server, by message-id (with brackets).</summary>
    public List<ConcurrentDictionary<string, int>> BodyCounts { get; }

    /// <summary>An extra hook run for every command on every server (after counting).</summary>
    public Func<NntpFaultContext, ValueTask<bool>>? OnCommand { get; set; }

    public static async Task<DownloadFixture> StartAsync(int servers = 1)
    {
        var list = new List<NntpServer>();
        for (var i = 0; i < servers; i++)
        {
            var server = await NntpServer.StartNewAsync(new NntpServerOptions());
            await server.Store.CreateGroupAsync(Group);
            list.Add(server);
        }
        return new DownloadFixture(list, Directory.CreateTempSubdirectory("inet-engine-"));
    }

    /// <summary>Posts <paramref name="data"/> as yEnc parts on every server (or those in <paramref name="on"/>) and adds it to <see cref="Nzb"/>.</summary>
    public async Task<NzbFile> PostAsync(string name, byte[] data, int partSize, string? subjectName = null, int[]? on = null)
    {
        var total = Math.Max(1, (data.Length + partSize - 1) / partSize);
        var file = new NzbFile { Subject = $"\"{subjectName ?? name}\" yEnc (1/{total})" };
        file.Groups.Add(Group);
        var writer = new YencPartWriter();
        for (var part = 1; part <= total; part++)
        {
            var begin = (part - 1) * partSize;
            var count = Math.Min(partSize, data.Length - begin);
            var body = new MemoryStream();
            await writer.WritePartAsync(new MemoryStream(data, begin, count), count, body,
                new YencPartSpec(name, data.Length, total > 1 ? part : 0, total > 1 ? total : 0, begin + 1));
            var id = $"part{Interlocked.Increment(ref _nextId)}.{Guid.NewGuid():N}@engine.test";
            var subject = $"\"{subjectName ?? name}\" yEnc ({part}/{total})";
            for (var s = 0; s < Servers.Count; s++)
            {
                if (on is null || on.Contains(s))
                    await Servers[s].Store.AddArticleAsync(Group, subject, body.ToArray(), "<" + id + ">");
            }
            file.Segments.Add(new NzbSegment(part, body.Length, id));
        }
        Nzb.Files.Add(file);
        return file;
    }

    public DownloadOptions Options(int connections = 2, int depth = 4, string? output = null) => new()
    {
        Servers = Servers.Select(s => new DownloadServer
        {
            Client = new NntpClientOptions
            {
                Connection = new ConnectionSettings { Host = "127.0.0.1", Port = s.Port, ReadTimeout = TimeSpan.FromSeconds(20) },
            },
            Connections = connections,
        }).ToList(),
        OutputDirectory = output ?? Output.FullName,
        PipelineDepth = depth,
        ReconnectDelay = TimeSpan.FromMilliseconds(20),
    };

    /// <summary>Waits until no BODY command has arrived on any server for 300 ms.</summary>
    public async Task WaitQuietAsync()
    {
        var last = -1;
        for (var i = 0; i < 50; i++)
        {
            var now = Servers.Select((_, s) => Bodies(s)).Sum();
            if (now == last)
                return;
            last = now;
            await Task.Delay(300);
        }
    }

    public int Bodies(int server) => BodyCounts[server].Values.Sum();

    public string PathOf(string name) => Path.Combine(Output.FullName, name);

    public static byte[] RandomBytes(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in Servers)
            await server.DisposeAsync();
        try { Output.Delete(recursive: true); } catch (IOException) { }
    }
}
