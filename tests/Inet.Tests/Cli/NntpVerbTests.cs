using Inet.Cli;
using Inet.Cli.Nntp;
using Inet.Core;
using Inet.Tests.Fakes;
using Inet.Tests.Nntp;
using static Inet.Tests.Nntp.NntpTestHelpers;

namespace Inet.Tests.Cli;

public class NntpVerbTests
{
    private static async Task<string> Run(ScriptedServer server, string verb, string[] args, bool json = false, string? group = null, string? outputFile = null)
    {
        var request = new NntpRequest(verb, args, json, outputFile, group);
        NntpVerbs.Validate(request);
        await using var client = await Connect(server);
        var output = new StringWriter();
        Assert.Equal(0, await NntpVerbs.RunAsync(client, request, output, CancellationToken.None));
        await server.Completion;
        return output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Group_Json()
    {
        await using var server = Server("C: GROUP misc.test\nS: 211 3 1 3 misc.test");
        var text = await Run(server, "group", ["misc.test"], json: true);
        Assert.Contains("\"count\": 3", text, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"misc.test\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_SelectsGroup_DefaultFormatOn503_PrintsTabSeparated()
    {
        await using var server = Server("""
            C: GROUP misc.test
            S: 211 1 1 1 misc.test
            C: LIST OVERVIEW.FMT
            S: 503 no
            C: OVER 1-
            S: 224 ok
            S: 1	Subj	me@x	Mon, 1 Jan 2024 00:00:00 +0000	<1@x>		120	3	Xref: h misc.test:1
            S: .
            """);
        var text = await Run(server, "over", ["1-"], group: "misc.test");
        Assert.Equal("1\tSubj\tme@x\tMon, 1 Jan 2024 00:00:00 +0000\t<1@x>\t120\t3\n", text);
    }

    [Fact]
    public async Task Body_ToFile_IsByteExact()
    {
        var path = Path.Combine(Path.GetTempPath(), "inet-body-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var server = Server("C: BODY <a@b>\nS: 222 0 <a@b>\nS: ..x\nS: y\nS: .");
            await Run(server, "body", ["<a@b>"], outputFile: path);
            Assert.Equal(".x\r\ny\r\n"u8.ToArray(), await File.ReadAllBytesAsync(path));
            Assert.False(File.Exists(path + ".part"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("bogus", new string[0])]
    [InlineData("group", new string[0])]
    [InlineData("stat", new[] { "1", "2" })]
    public void Validate_Misuse_ThrowsUsage(string verb, string[] args) =>
        Assert.Throws<UsageException>(() => NntpVerbs.Validate(new NntpRequest(verb, args, false, null, null)));

    [Fact]
    public async Task ExitCodes_RefusalIs3_NetworkIs4_UsageIs2()
    {
        Assert.Equal(ExitCodes.ServerRefused, await CliRunner.RunAsync(() => throw new ProtocolException(new Reply(430, "no such article")), TextWriter.Null));
        Assert.Equal(ExitCodes.Network, await CliRunner.RunAsync(() => throw new ConnectionClosedException("gone"), TextWriter.Null));
        Assert.Equal(ExitCodes.Network, await CliRunner.RunAsync(() => throw new AuthenticationFailedException(new Reply(481, "no")), TextWriter.Null));
        Assert.Equal(ExitCodes.Usage, await CliRunner.RunAsync(() => throw new UsageException("bad"), TextWriter.Null));
    }

    [Fact]
    public async Task ExitCodes_OutputFileUnwritable_Is1_NotANetworkError()
    {
        var error = new StringWriter();
        var code = await CliRunner.RunAsync(() => throw new Inet.Codecs.OutputWriteException("a.bin", new IOException("No space left on device")), error);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("Cannot write a.bin: No space left on device", error.ToString());
        Assert.Contains("run the same command again", error.ToString());
    }

    [Fact]
    public async Task Command_AgainstScriptedServer_StatMissingExits3()
    {
        await using var server = Server("C: STAT <gone@x>\nS: 430 No such article");
        server.Start();
        var root = new System.CommandLine.RootCommand();
        root.Subcommands.Add(NntpCommand.Create());
        var code = await root.Parse(["nntp", $"nntp://127.0.0.1:{server.Port}", "stat", "<gone@x>"]).InvokeAsync();
        Assert.Equal(ExitCodes.ServerRefused, code);
    }

    [Fact]
    public async Task Command_ConnectionRefused_Exits4()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var root = new System.CommandLine.RootCommand();
        root.Subcommands.Add(NntpCommand.Create());
        Assert.Equal(ExitCodes.Network, await root.Parse(["nntp", $"nntp://127.0.0.1:{port}", "date"]).InvokeAsync());
    }
}
