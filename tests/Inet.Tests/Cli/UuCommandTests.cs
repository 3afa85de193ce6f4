using System.Text;
using System.Text.Json;
using Inet.Codecs;
using Inet.Core;
using Crc = System.IO.Hashing.Crc32;
using static Inet.Tests.Cli.CliHarness;

namespace Inet.Tests.Cli;

public sealed class UuCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inet-uucli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteInput(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Decode_TwoInputs_WritesFilesAndPrintsJson()
    {
        var one = WriteInput("a.txt", "header\n\n" + UuEncoder.Encode("alpha"u8, "alpha.bin"));
        var two = WriteInput("b.txt", UuEncoder.Encode("beta!"u8, "../beta.bin") + UuEncoder.Encode("gamma"u8, "gamma.bin"));
        var outDir = Path.Combine(_dir, "out");

        var (code, output, _) = await RunAsync("uu", "decode", one, two, "-o", outDir, "--json");

        Assert.Equal(ExitCodes.Ok, code);
        using var json = JsonDocument.Parse(output);
        var files = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(["alpha.bin", "beta.bin", "gamma.bin"], files.Select(f => f.GetProperty("name").GetString()));
        Assert.All(files, f => Assert.Equal("ok", f.GetProperty("status").GetString()));
        Assert.Equal(5, files[0].GetProperty("size").GetInt64());
        Assert.Equal(Crc.HashToUInt32("alpha"u8).ToString("x8"), files[0].GetProperty("crc32").GetString());
        Assert.Equal("beta!", await File.ReadAllTextAsync(Path.Combine(outDir, "beta.bin")));
    }

    [Fact]
    public async Task Decode_TruncatedInput_ExitsWith3AndReportsIncomplete()
    {
        var text = UuEncoder.Encode(new byte[100], "cut.bin");
        var input = WriteInput("cut.txt", text[..text.IndexOf("`\nend", StringComparison.Ordinal)]);

        var (code, output, _) = await RunAsync("uu", "decode", input, "-o", _dir, "--json");

        Assert.Equal(ExitCodes.ServerRefused, code);
        var file = Assert.Single(JsonDocument.Parse(output).RootElement.EnumerateArray());
        Assert.Equal("incomplete", file.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, file.GetProperty("crc32").ValueKind);
    }

    [Fact]
    public async Task Decode_TextOutput_ListsStatusCrcSizeAndPath()
    {
        var input = WriteInput("a.txt", UuEncoder.Encode("hello"u8, "h.txt"));
        var (code, output, _) = await RunAsync("uu", "decode", input, "-o", _dir);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Matches($"^ok +{Crc.HashToUInt32("hello"u8):x8} +5 .*h\\.txt", output);
    }

    [Fact]
    public async Task Decode_NoUuData_ExitsWithFailure()
    {
        var input = WriteInput("plain.txt", "just text\n");
        var (code, _, error) = await RunAsync("uu", "decode", input, "-o", _dir);
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("no uuencoded data", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("uu", "decode")]
    [InlineData("uu", "decode", "/nonexistent/inet-test-input")]
    [InlineData("uu", "encode")]
    [InlineData("uu", "encode", "/nonexistent/inet-test-input")]
    public async Task UsageErrors_ExitWith2(params string[] args)
    {
        var (code, _, error) = await RunAsync(args);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("inet uu", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Encode_ToStdout_ThenDecode_RoundTrips()
    {
        var data = new byte[2_000];
        new Random(9).NextBytes(data);
        var input = Path.Combine(_dir, "payload.bin");
        await File.WriteAllBytesAsync(input, data);

        var (code, output, _) = await RunAsync("uu", "encode", input);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.StartsWith("begin 644 payload.bin\n", output, StringComparison.Ordinal);
        var decoded = new List<byte>();
        var sink = new CollectingOutput(decoded);
        UuDecoder.Decode(Encoding.ASCII.GetBytes(output), sink);
        Assert.Equal(data, decoded);
    }

    [Fact]
    public async Task Encode_ToFileWithCrlfAndName()
    {
        var input = WriteInput("in.txt", "abc");
        var outFile = Path.Combine(_dir, "out.uu");

        var (code, _, _) = await RunAsync("uu", "encode", input, "-o", outFile, "--crlf", "--name", "renamed.txt");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal("begin 644 renamed.txt\r\n#86)C\r\n`\r\nend\r\n", await File.ReadAllTextAsync(outFile));
    }

    private sealed class CollectingOutput(List<byte> target) : IUuOutput
    {
        public void BeginFile(UuBeginLine header) => target.Clear();
        public void Write(ReadOnlySpan<byte> data) => target.AddRange(data.ToArray());
        public void EndFile(bool complete) => Assert.True(complete);
    }
}
