using System.Text.Json;
using Inet.Cli.Nzb;
using Inet.Core;
using Inet.News.Nzb;
using Inet.Tests.News.Download;

namespace Inet.Tests.Cli;

public sealed class NzbCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inet-nzbcli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteNzb(NzbDocument document)
    {
        var path = Path.Combine(_dir, "job.nzb");
        using var stream = File.Create(path);
        NzbWriter.Write(document, stream);
        return path;
    }

    private static string Url(DownloadFixture f, int server, int? connections = null) =>
        $"nntp://127.0.0.1:{f.Servers[server].Port}" + (connections is { } n ? $"/?connections={n}" : "");

    [Fact]
    public async Task Get_TwoServersWithBackfill_Json_ExitOkFilesIdentical()
    {
        await using var f = await DownloadFixture.StartAsync(servers: 2);
        var a = DownloadFixture.RandomBytes(50_000, 31);
        var b = DownloadFixture.RandomBytes(9_000, 32);
        var fa = await f.PostAsync("a.bin", a, 10_000);
        await f.PostAsync("b.bin", b, 10_000);
        f.Servers[0].Options.Faults.MarkMissing("<" + fa.Segments[1].MessageId + ">");
        var nzb = WriteNzb(f.Nzb);
        var output = Path.Combine(_dir, "out");

        var (code, stdout, error) = await CliHarness.RunAsync("nzb", "get", nzb, "--server", Url(f, 0, connections: 3), "--server", Url(f, 1),
            "-o", output, "--connections", "1", "--pipeline", "2", "--json");

        Assert.True(code == ExitCodes.Ok, error + stdout);
        Assert.Equal(a, await File.ReadAllBytesAsync(Path.Combine(output, "a.bin")));
        Assert.Equal(b, await File.ReadAllBytesAsync(Path.Combine(output, "b.bin")));
        using var json = JsonDocument.Parse(stdout);
        Assert.True(json.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal(1, json.RootElement.GetProperty("failovers").GetInt32());
        var files = json.RootElement.GetProperty("files");
        Assert.Equal(["a.bin", "b.bin"], files.EnumerateArray().Select(x => x.GetProperty("name").GetString()));
        Assert.Equal(1, json.RootElement.GetProperty("servers")[1].GetProperty("fetched").GetInt32());
    }

    [Fact]
    public async Task Get_CachedWrites_SameFiles()
    {
        await using var f = await DownloadFixture.StartAsync();
        var a = DownloadFixture.RandomBytes(50_000, 35);
        await f.PostAsync("a.bin", a, 7_000);
        var output = Path.Combine(_dir, "cached");

        var (code, stdout, error) = await CliHarness.RunAsync("nzb", "get", WriteNzb(f.Nzb), "--server", Url(f, 0), "-o", output, "--cached-writes", "--json");

        Assert.True(code == ExitCodes.Ok, error + stdout);
        Assert.Equal(a, await File.ReadAllBytesAsync(Path.Combine(output, "a.bin")));
    }

    [Fact]
    public async Task Get_SegmentMissingEverywhere_Exit3()
    {
        await using var f = await DownloadFixture.StartAsync();
        var fa = await f.PostAsync("a.bin", DownloadFixture.RandomBytes(20_000, 33), 10_000);
        f.Servers[0].Options.Faults.MarkMissing("<" + fa.Segments[0].MessageId + ">");

        var (code, _, _) = await CliHarness.RunAsync("nzb", "get", WriteNzb(f.Nzb), "--server", Url(f, 0), "-o", Path.Combine(_dir, "out"), "--json");

        Assert.Equal(ExitCodes.ServerRefused, code);
    }

    [Fact]
    public async Task Get_OnlyServerUnreachable_Exit4()
    {
        await using var f = await DownloadFixture.StartAsync();
        await f.PostAsync("a.bin", DownloadFixture.RandomBytes(2_000, 34), 10_000);
        var nzb = WriteNzb(f.Nzb);
        var port = f.Servers[0].Port;
        await f.Servers[0].DisposeAsync();

        var (code, _, _) = await CliHarness.RunAsync("nzb", "get", nzb, "--server", $"nntp://127.0.0.1:{port}", "-o", Path.Combine(_dir, "out"), "--connections", "1", "--json");

        Assert.Equal(ExitCodes.Network, code);
    }

    [Fact]
    public async Task Get_HostileXml_Exit2NothingWritten()
    {
        var nzb = Path.Combine(_dir, "evil.nzb");
        await File.WriteAllTextAsync(nzb, "<?xml version=\"1.0\"?>\n<!DOCTYPE nzb [<!ENTITY a \"b\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n<nzb>&b;</nzb>");
        var output = Path.Combine(_dir, "out");

        var (code, _, error) = await CliHarness.RunAsync("nzb", "get", nzb, "--server", "nntp://127.0.0.1:1", "-o", output);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("line", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task Get_BadConnectionsInUrl_Exit2()
    {
        var nzb = WriteNzb(new NzbDocument { Files = { new NzbFile { Subject = "x", Segments = { new NzbSegment(1, 10, "a@b") } } } });

        var (code, _, error) = await CliHarness.RunAsync("nzb", "get", nzb, "--server", "nntp://127.0.0.1:1/?connections=0", "-o", Path.Combine(_dir, "out"));

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("connections", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Info_Json_ListsFilesPartsSizesGroupsAndWarnings()
    {
        var document = new NzbDocument { Title = "My job" };
        var file = new NzbFile { Subject = "\"../../movie.mkv\" yEnc (1/3)" };
        file.Groups.Add("alt.binaries.test");
        file.Segments.Add(new NzbSegment(1, 700, "p1@x"));
        file.Segments.Add(new NzbSegment(3, 500, "p3@x"));
        document.Files.Add(file);
        var nzb = WriteNzb(document);

        var (code, stdout, error) = await CliHarness.RunAsync("nzb", "info", nzb, "--json");

        Assert.True(code == ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(stdout);
        var entry = json.RootElement.GetProperty("files")[0];
        Assert.Equal("movie.mkv", entry.GetProperty("name").GetString());
        Assert.Equal((2, 1200L), (entry.GetProperty("parts").GetInt32(), entry.GetProperty("bytes").GetInt64()));
        Assert.Equal("alt.binaries.test", entry.GetProperty("groups")[0].GetString());
        Assert.Equal("My job", json.RootElement.GetProperty("title").GetString());
        Assert.NotEqual(0, json.RootElement.GetProperty("warnings").GetArrayLength()); // segment 2 is missing
    }

    [Theory]
    [InlineData("nntp://h:119/?connections=8", 8)]
    [InlineData("nntp://h:119/", null)]
    [InlineData("nntp://h/?x=1&connections=2", 2)]
    public void ConnectionsFrom_QueryParameter(string url, int? expected) =>
        Assert.Equal(expected, NzbGetCommand.ConnectionsFrom(url));
}
