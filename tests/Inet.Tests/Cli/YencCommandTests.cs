using System.Text;
using System.Text.Json;
using Inet.Cli.Codecs;
using Inet.Codecs;
using Inet.Core;
using static Inet.Tests.Cli.CliHarness;

namespace Inet.Tests.Cli;

public sealed class YencCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inet-yenccli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (string Path, byte[] Data) WriteRandomFile(string name, int size)
    {
        var data = new byte[size];
        new Random(size).NextBytes(data);
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, data);
        return (path, data);
    }

    private async Task<string[]> EncodeAsync(string path, string outDir, params string[] extra)
    {
        var (code, output, error) = await RunAsync(["yenc", "encode", path, "-o", outDir, .. extra]);
        Assert.True(code == ExitCodes.Ok, error);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static JsonElement[] Json(string output) => JsonDocument.Parse(output).RootElement.EnumerateArray().ToArray();

    [Fact]
    public async Task EncodeThenDecode_Multipart_RoundTripsWithJson()
    {
        var (path, data) = WriteRandomFile("movie.bin", 300_000);
        var parts = await EncodeAsync(path, Path.Combine(_dir, "parts"), "--part-size", "100000", "--line-length", "100");
        Assert.Equal(["movie.bin.001.yenc", "movie.bin.002.yenc", "movie.bin.003.yenc"], parts.Select(Path.GetFileName));
        Assert.StartsWith("=ybegin part=1 total=3 line=100 size=300000 name=movie.bin\r\n=ypart begin=1 end=100000\r\n",
            Encoding.Latin1.GetString(File.ReadAllBytes(parts[0])));

        var outDir = Path.Combine(_dir, "out");
        var (code, output, _) = await RunAsync(["yenc", "decode", .. parts.Reverse(), "-o", outDir, "--json"]);

        Assert.Equal(ExitCodes.Ok, code);
        var file = Assert.Single(Json(output));
        Assert.Equal("movie.bin", file.GetProperty("name").GetString());
        Assert.Equal("ok", file.GetProperty("status").GetString());
        Assert.Equal(300_000, file.GetProperty("size").GetInt64());
        Assert.Equal(Crc32Math.Hash(data).ToString("x8"), file.GetProperty("crc32").GetString());
        Assert.Equal([1, 2, 3], file.GetProperty("partsFound").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Empty(file.GetProperty("partsMissing").EnumerateArray());
        Assert.Equal(data, File.ReadAllBytes(Path.Combine(outDir, "movie.bin")));
    }

    [Fact]
    public async Task Decode_SinglePartArticleWithHeaders_Ok()
    {
        var (path, data) = WriteRandomFile("small.dat", 5000);
        var part = Assert.Single(await EncodeAsync(path, Path.Combine(_dir, "parts")));
        var article = Path.Combine(_dir, "article.txt");
        File.WriteAllBytes(article, [.. "From: a@b\r\nSubject: small.dat yEnc (1/1)\r\n\r\n"u8, .. File.ReadAllBytes(part)]);

        var (code, output, _) = await RunAsync("yenc", "decode", article, "-o", Path.Combine(_dir, "out"));

        Assert.Equal(ExitCodes.Ok, code);
        Assert.StartsWith("ok", output);
        Assert.Equal(data, File.ReadAllBytes(Path.Combine(_dir, "out", "small.dat")));
    }

    [Fact]
    public async Task Decode_MissingPart_ExitsWith3AndListsIt()
    {
        var (path, _) = WriteRandomFile("set.bin", 250_000);
        var parts = await EncodeAsync(path, Path.Combine(_dir, "parts"), "--part-size", "100000");

        var (code, output, _) = await RunAsync("yenc", "decode", parts[0], parts[2], "-o", Path.Combine(_dir, "out"), "--json");

        Assert.Equal(ExitCodes.ServerRefused, code);
        var file = Assert.Single(Json(output));
        Assert.Equal("incomplete", file.GetProperty("status").GetString());
        Assert.Equal([2], file.GetProperty("partsMissing").EnumerateArray().Select(e => e.GetInt32()));
        Assert.False(File.Exists(Path.Combine(_dir, "out", "set.bin")));
    }

    [Fact]
    public async Task Decode_CorruptedPart_ExitsWith3AndReportsCrcMismatch()
    {
        var (path, _) = WriteRandomFile("bad.bin", 50_000);
        var part = Assert.Single(await EncodeAsync(path, Path.Combine(_dir, "parts")));
        var bytes = File.ReadAllBytes(part);
        var at = Array.IndexOf(bytes, (byte)'\n') + 10;
        bytes[at] = bytes[at] == (byte)'A' ? (byte)'B' : (byte)'A';
        File.WriteAllBytes(part, bytes);

        var (code, output, _) = await RunAsync("yenc", "decode", part, "-o", Path.Combine(_dir, "out"), "--json");

        Assert.Equal(ExitCodes.ServerRefused, code);
        Assert.Equal("crc-mismatch", Assert.Single(Json(output)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Decode_HostileName_StaysInsideOutputFolder()
    {
        var article = Path.Combine(_dir, "evil.txt");
        File.WriteAllText(article, "=ybegin line=128 size=2 name=../../escape.txt\r\nkk\r\n=yend size=2\r\n", Encoding.Latin1);
        var outDir = Path.Combine(_dir, "deep", "out");

        var (code, output, _) = await RunAsync("yenc", "decode", article, "-o", outDir, "--json");

        Assert.Equal(ExitCodes.Ok, code);
        var written = Assert.Single(Json(output)).GetProperty("path").GetString()!;
        Assert.Equal(Path.GetFullPath(outDir), Path.GetDirectoryName(Path.GetFullPath(written)));
        Assert.False(File.Exists(Path.Combine(_dir, "escape.txt")));
        Assert.Equal("AA", File.ReadAllText(written));
    }

    [Fact]
    public async Task Decode_NoYencData_ExitsWith1()
    {
        var text = Path.Combine(_dir, "plain.txt");
        File.WriteAllText(text, "hello\r\n");
        var (code, _, error) = await RunAsync("yenc", "decode", text, "-o", _dir);
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("no yEnc data", error);
    }

    [Fact]
    public async Task Usage_Errors_ExitWith2()
    {
        Assert.Equal(ExitCodes.Usage, (await RunAsync("yenc", "decode")).ExitCode);
        Assert.Equal(ExitCodes.Usage, (await RunAsync("yenc", "encode", Path.Combine(_dir, "absent"))).ExitCode);
    }

    [Fact]
    public void PartFileName_PadsToTotal()
    {
        Assert.Equal("a.yenc", YencEncodeCommand.PartFileName("a", 1, 1));
        Assert.Equal("a.007.yenc", YencEncodeCommand.PartFileName("a", 7, 12));
        Assert.Equal("a.0007.yenc", YencEncodeCommand.PartFileName("a", 7, 1200));
    }
}
