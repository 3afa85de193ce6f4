using System.Text.Json;
using Inet.Core;
using Inet.News.Nzb;
using Inet.Nntp.Server;
using Inet.Tests.News.Posting;
using static Inet.Tests.Cli.CliHarness;

namespace Inet.Tests.Cli;

public sealed class NewsPostCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inet-newscli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Url(NntpServer server, string group = PostingKit.Group) => $"nntp://127.0.0.1:{server.Port}/{group}";

    [Fact]
    public async Task Post_Json_WithNzb_PostsEveryPart()
    {
        PostingKit.WriteFile(_dir, "a.bin", 5000, seed: 40);
        PostingKit.WriteFile(_dir, "b.bin", 100, seed: 41);
        await using var server = await PostingKit.StartServerAsync();
        var nzb = Path.Combine(_dir, "out.nzb");

        var (code, output, error) = await RunAsync("news", "post", Url(server), Path.Combine(_dir, "a.bin"), Path.Combine(_dir, "b.bin"),
            "--part-size", "2000", "--subject", "cli test", "--from", "Me <me@example.test>", "--connections", "2", "--nzb", nzb, "--json");

        Assert.True(code == ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        var files = json.RootElement.GetProperty("files");
        Assert.Equal(2, files.GetArrayLength());
        Assert.Equal("cli test [1/2] - \"a.bin\" yEnc (1/3)", files[0].GetProperty("subject").GetString());
        Assert.True(files[0].GetProperty("complete").GetBoolean());
        var ids = files.EnumerateArray().SelectMany(f => f.GetProperty("parts").EnumerateArray())
            .Select(p => p.GetProperty("messageId").GetString()!).ToList();
        Assert.Equal(4, ids.Count);
        Assert.All(ids, id => Assert.Equal("Me <me@example.test>", server.Store.FindArticle(id)!.From));
        await using var stream = File.OpenRead(nzb);
        var document = (await NzbReader.ReadAsync(stream)).Document;
        Assert.Equal(ids.Select(id => id.Trim('<', '>')), document.Files.SelectMany(f => f.Segments).Select(s => s.MessageId));
    }

    [Fact]
    public async Task Post_Text_UuEncoding()
    {
        PostingKit.WriteFile(_dir, "a.bin", 300, seed: 42);
        await using var server = await PostingKit.StartServerAsync();
        var (code, output, error) = await RunAsync("news", "post", Url(server), Path.Combine(_dir, "a.bin"), "--encoding", "uu");
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Equal("a.bin: 1/1 parts posted, 300 bytes", output.Trim());
        var article = Assert.Single(server.Store.FindGroup(PostingKit.Group)!.Range(1, 10)).Article;
        Assert.Equal("\"a.bin\" (1/1)", article.Subject);
    }

    [Fact]
    public async Task Post_RefusedPart_ExitsWith3AndNamesThePart()
    {
        PostingKit.WriteFile(_dir, "a.bin", 3000, seed: 43);
        var posts = 0;
        await using var server = await PostingKit.StartServerAsync(o => o.Faults.OnCommand = (c, _) =>
        {
            if (c.Verb != "POST" || Interlocked.Increment(ref posts) != 2)
                return ValueTask.FromResult(false);
            c.SendLine("441 too spammy");
            return ValueTask.FromResult(true);
        });
        var (code, output, error) = await RunAsync("news", "post", Url(server), Path.Combine(_dir, "a.bin"), "--part-size", "1000");
        Assert.Equal(ExitCodes.ServerRefused, code);
        Assert.Contains("a.bin part 2/3 refused: 441 too spammy", error, StringComparison.Ordinal);
        Assert.Contains("a.bin: 2/3 parts posted", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_AuthRequiredWithoutPassword_ExitsWith4()
    {
        PostingKit.WriteFile(_dir, "a.bin", 300, seed: 44);
        await using var server = await PostingKit.StartServerAsync(o => { o.UserName = "alice"; o.Password = "pw"; });
        var (code, _, error) = await RunAsync("news", "post", Url(server), Path.Combine(_dir, "a.bin"));
        Assert.Equal(ExitCodes.Network, code);
        Assert.Contains("480", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithPasswordFile_LogsIn()
    {
        PostingKit.WriteFile(_dir, "a.bin", 300, seed: 45);
        var passwordFile = Path.Combine(_dir, "pw");
        await File.WriteAllTextAsync(passwordFile, "pw\n");
        await using var server = await PostingKit.StartServerAsync(o => { o.UserName = "alice"; o.Password = "pw"; });
        var url = $"nntp://alice@127.0.0.1:{server.Port}/{PostingKit.Group}";
        var (code, _, error) = await RunAsync("news", "post", url, Path.Combine(_dir, "a.bin"), "--password-file", passwordFile);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Equal(1, server.Store.FindGroup(PostingKit.Group)!.Count);
    }

    [Theory]
    [InlineData("nntp://127.0.0.1:1/", "a.bin", "needs a group")]
    [InlineData("nntp://127.0.0.1:1/alt.x", "missing.bin", "no such file")]
    [InlineData("ftp://127.0.0.1/alt.x", "a.bin", "URL")]
    public async Task Post_Misuse_ExitsWith2(string url, string file, string message)
    {
        PostingKit.WriteFile(_dir, "a.bin", 10, seed: 46);
        var (code, _, error) = await RunAsync("news", "post", url, Path.Combine(_dir, file));
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_UnknownEncodingOrMimeTooBig_ExitsWith2()
    {
        PostingKit.WriteFile(_dir, "a.bin", 5000, seed: 47);
        var (code, _, error) = await RunAsync("news", "post", "nntp://127.0.0.1:1/alt.x", Path.Combine(_dir, "a.bin"), "--encoding", "binhex");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("unknown encoding", error, StringComparison.Ordinal);
        (code, _, error) = await RunAsync("news", "post", "nntp://127.0.0.1:1/alt.x", Path.Combine(_dir, "a.bin"), "--encoding", "mime", "--part-size", "1000");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("MIME", error, StringComparison.Ordinal);
    }
}
