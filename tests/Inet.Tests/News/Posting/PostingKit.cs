using System.Net.Sockets;
using System.Text;
using Inet.Codecs;
using Inet.Codecs.Yenc;
using Inet.Core;
using Inet.News.Posting;
using Inet.Nntp;
using Inet.Nntp.Server;

namespace Inet.Tests.News.Posting;

/// <summary>Embedded servers, sample files and decoding helpers for the posting tests.</summary>
internal static class PostingKit
{
    public const string Group = "alt.binaries.test";
    public const string From = "Poster <poster@example.test>";

    public static async Task<NntpServer> StartServerAsync(Action<NntpServerOptions>? configure = null)
    {
        var options = new NntpServerOptions();
        configure?.Invoke(options);
        var server = new NntpServer(options);
        await server.Store.CreateGroupAsync(Group, "binaries");
        await server.Store.CreateGroupAsync("alt.test.other", "other");
        await server.StartAsync();
        return server;
    }

    public static NntpClientOptions Client(NntpServer server, string? user = null, string? password = null) => new()
    {
        Connection = new ConnectionSettings { Host = "127.0.0.1", Port = server.Port, ReadTimeout = TimeSpan.FromSeconds(20) },
        UserName = user,
        Password = password,
    };

    public static BinaryPostOptions Options(PostEncoding encoding = PostEncoding.Yenc, long? partSize = null) => new()
    {
        Newsgroups = [Group],
        From = From,
        Encoding = encoding,
        PartSize = partSize,
        RetryDelay = TimeSpan.FromMilliseconds(5),
    };

    public static byte[] WriteFile(string directory, string name, int size, int seed)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        // Make sure the encoders meet bytes that need escaping at line starts: '.', NUL, CR, LF, '='.
        for (var i = 0; i < size; i += 97)
            data[i] = (byte)".\0\r\n="[i % 5];
        File.WriteAllBytes(Path.Combine(directory, name), data);
        return data;
    }

    /// <summary>The stored article split into header text and body bytes (CRLF, not dot-stuffed).</summary>
    public static (string Head, byte[] Body) Article(NntpServer server, string messageId)
    {
        var article = server.Store.FindArticle(messageId) ?? throw new Xunit.Sdk.XunitException("not stored: " + messageId);
        var raw = article.ToRawArticle();
        var split = raw.AsSpan().IndexOf("\r\n\r\n"u8);
        return (Encoding.UTF8.GetString(raw, 0, split + 2), raw[(split + 4)..]);
    }

    public static string? Header(string head, string name) =>
        head.Split("\r\n").Where(l => l.StartsWith(name + ": ", StringComparison.OrdinalIgnoreCase)).Select(l => l[(name.Length + 2)..]).FirstOrDefault();

    /// <summary>Decodes yEnc part bodies into a file image, checking each part's own CRC.</summary>
    public static async Task<(byte[] Data, List<YencPartResult> Parts)> DecodeYencAsync(IEnumerable<byte[]> bodies, long size)
    {
        var data = new byte[size];
        var parts = new List<YencPartResult>();
        var reader = new YencPartReader();
        foreach (var body in bodies)
        {
            var output = new MemoryStream();
            var result = await reader.ReadAsync(new MemoryStream(body), output);
            Assert.True(result.IsOk, result.Status.ToString());
            output.ToArray().CopyTo(data, result.Offset);
            parts.Add(result);
        }
        return (data, parts);
    }

    /// <summary>Collects the files a <see cref="UuDecoder"/> finds.</summary>
    public sealed class UuCollector : IUuOutput
    {
        private MemoryStream? _current;

        public List<(string Name, byte[] Data, bool Complete)> Files { get; } = [];

        private string _name = "";

        public void BeginFile(UuBeginLine header)
        {
            _name = header.Name;
            _current = new MemoryStream();
        }

        public void Write(ReadOnlySpan<byte> data) => _current!.Write(data);

        public void EndFile(bool complete) => Files.Add((_name, _current!.ToArray(), complete));
    }

    /// <summary>Bytes the server sends before the client's first command reply: greeting and CAPABILITIES.</summary>
    public static async Task<int> MeasureGreetingAndCapabilitiesAsync(NntpServer server)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.EndPoint);
        var stream = tcp.GetStream();
        var received = new MemoryStream();
        var buffer = new byte[4096];
        async Task ReadUntilAsync(byte[] end)
        {
            while (!received.ToArray().AsSpan().EndsWith(end))
            {
                var n = await stream.ReadAsync(buffer);
                if (n == 0)
                    throw new IOException("closed");
                received.Write(buffer, 0, n);
            }
        }
        await ReadUntilAsync("\r\n"u8.ToArray());
        await stream.WriteAsync("CAPABILITIES\r\n"u8.ToArray());
        await ReadUntilAsync("\r\n.\r\n"u8.ToArray());
        return (int)received.Length;
    }
}
