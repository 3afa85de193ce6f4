using System.Text;
using Inet.Codecs.Yenc;
using Inet.Core;
using Inet.News.Robot;
using Inet.Nntp;
using Inet.Nntp.Server;

namespace Inet.Tests.News.Robot;

/// <summary>An embedded news server with a group, a temp output folder, and helpers to post binaries.</summary>
internal sealed class RobotFixture : IAsyncDisposable
{
    public const string Group = "alt.binaries.test";

    private RobotFixture(NntpServer server, DirectoryInfo output)
    {
        Server = server;
        Output = output;
    }

    public NntpServer Server { get; }

    public DirectoryInfo Output { get; }

    public static async Task<RobotFixture> StartAsync(NntpServerOptions? options = null)
    {
        var server = await NntpServer.StartNewAsync(options ?? new NntpServerOptions());
        await server.Store.CreateGroupAsync(Group);
        return new RobotFixture(server, Directory.CreateTempSubdirectory("inet-robot-"));
    }

    public NewsRobotOptions Options(ArticleFilter? filter = null, int connections = 2, bool saveText = false) => new()
    {
        Server = new NntpClientOptions
        {
            Connection = new ConnectionSettings { Host = "127.0.0.1", Port = Server.Port, ReadTimeout = TimeSpan.FromSeconds(20) },
        },
        Groups = [Group],
        OutputDirectory = Output.FullName,
        Filter = filter ?? ArticleFilter.All,
        Connections = connections,
        PipelineDepth = 4,
        SaveText = saveText,
    };

    /// <summary>Posts <paramref name="data"/> as yEnc parts of <paramref name="partSize"/> bytes; returns their message-ids.</summary>
    public async Task<List<string>> PostYencAsync(string name, byte[] data, int partSize, string? subjectName = null)
    {
        var ids = new List<string>();
        var total = (data.Length + partSize - 1) / partSize;
        var writer = new YencPartWriter();
        for (var part = 1; part <= total; part++)
        {
            var begin = (part - 1) * partSize;
            var count = Math.Min(partSize, data.Length - begin);
            var body = new MemoryStream();
            await writer.WritePartAsync(new MemoryStream(data, begin, count), count, body,
                new YencPartSpec(name, data.Length, total > 1 ? part : 0, total > 1 ? total : 0, begin + 1));
            var subject = $"\"{subjectName ?? name}\" yEnc ({part}/{total})";
            var article = await Server.Store.AddArticleAsync(Group, subject, body.ToArray());
            ids.Add(article.MessageId);
        }
        return ids;
    }

    public async Task<string> PostTextAsync(string subject, string body) =>
        (await Server.Store.AddArticleAsync(Group, subject, Encoding.UTF8.GetBytes(body))).MessageId;

    public static byte[] RandomBytes(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try { Output.Delete(recursive: true); } catch (IOException) { }
    }
}
