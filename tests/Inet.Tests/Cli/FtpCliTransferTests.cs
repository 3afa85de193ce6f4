using System.Text;
using System.Text.Json;
using Inet.Core;
using Inet.Tests.Fakes;
using static Inet.Tests.Ftp.FtpTestHelpers;

namespace Inet.Tests.Cli;

/// <summary>
/// <c>inet ftp get</c> and <c>put</c> against the scripted server: exact transcripts, byte-exact files, and
/// after a failure nothing at FILE that looks complete.
/// </summary>
public sealed class FtpCliTransferTests : IDisposable
{
    internal const string NoSize = "C: FEAT\nS: 211-Features:\nS:  EPSV\nS:  PASV\nS: 211 End";
    internal const string WithSize = "C: FEAT\nS: 211-Features:\nS:  EPSV\nS:  SIZE\nS: 211 End";

    private readonly string _dir = Directory.CreateTempSubdirectory("inet-ftpcli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal static string Url(ScriptedServer server, string path) => $"ftp://127.0.0.1:{server.Port}/{path}";

    private string Local(string name) => Path.Combine(_dir, name);

    private string[] Files() => Directory.GetFiles(_dir).Select(Path.GetFileName).Order().ToArray()!;

    [Fact]
    public async Task Get_ByteExact_RenamedIntoPlace_JsonResult()
    {
        var content = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray();
        await using var data = new FakeDataPort();
        await using var server = Server($"{WithSize}\nC: TYPE I\nS: 200 Switching to Binary mode.\nC: SIZE pub/big.bin\nS: 213 {content.Length}\nC: EPSV\nS: {data.EpsvReply}\nC: RETR pub/big.bin\nS: 150 Opening BINARY mode data connection for pub/big.bin ({content.Length} bytes).")
            .Do(_ => data.SendAsync(content)).Script("S: 226 Transfer complete.\n" + Quit);
        server.Start();

        var (code, output, error) = await CliHarness.RunAsync("ftp", "get", Url(server, "pub/big.bin"), "-o", Local("big.bin"), "--json");

        Assert.True(code == ExitCodes.Ok, error);
        await server.Completion;
        Assert.Equal(content, await File.ReadAllBytesAsync(Local("big.bin")));
        Assert.Equal(["big.bin"], Files()); // the temporary name is gone
        using var json = JsonDocument.Parse(output);
        Assert.Equal(content.Length, json.RootElement.GetProperty("bytes").GetInt64());
        Assert.Equal(226, json.RootElement.GetProperty("code").GetInt32());
        Assert.Equal("Transfer complete.", json.RootElement.GetProperty("text").GetString());
        Assert.Equal(Local("big.bin"), json.RootElement.GetProperty("file").GetString());
        Assert.Equal("pub/big.bin", json.RootElement.GetProperty("path").GetString());
        Assert.True(json.RootElement.GetProperty("seconds").GetDouble() >= 0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Get_LargeFile_ReadOnItsOwnThread_ByteExact_WithAndWithoutFsync(bool fsync)
    {
        var content = Enumerable.Range(0, 5 * 1024 * 1024 + 3).Select(i => (byte)(i * 13 + (i >> 16))).ToArray();
        await using var data = new FakeDataPort();
        await using var server = Server($"{WithSize}\nC: TYPE I\nS: 200 Switching to Binary mode.\nC: SIZE big.bin\nS: 213 {content.Length}\nC: EPSV\nS: {data.EpsvReply}\nC: RETR big.bin\nS: 150 Opening BINARY mode data connection for big.bin ({content.Length} bytes).")
            .Do(_ => data.SendAsync(content)).Script("S: 226 Transfer complete.\n" + Quit);
        server.Start();
        string[] args = ["ftp", "get", Url(server, "big.bin"), "-o", Local("big.bin")];

        var (code, _, error) = await CliHarness.RunAsync(fsync ? [.. args, "--fsync"] : args);

        Assert.True(code == ExitCodes.Ok, error);
        await server.Completion;
        Assert.Equal(content, await File.ReadAllBytesAsync(Local("big.bin")));
        Assert.Equal(["big.bin"], Files());
    }

    [Fact]
    public async Task Get_226AfterShortData_Exits1_FileUntouchedAndNoPartialLeft()
    {
        await File.WriteAllTextAsync(Local("f"), "older copy");
        await using var data = new FakeDataPort();
        await using var server = Server($"{NoSize}\nC: TYPE I\nS: 200 ok\nC: EPSV\nS: {data.EpsvReply}\nC: RETR f\nS: 150 Opening BINARY mode data connection for f (10 bytes).")
            .Do(_ => data.SendAsync("12345"u8.ToArray())).Script("S: 226 Transfer complete.\n" + Quit);
        server.Start();

        var (code, output, error) = await CliHarness.RunAsync("ftp", "get", Url(server, "f"), "-o", Local("f"));

        Assert.Equal(ExitCodes.Failure, code);
        await server.Completion;
        Assert.Equal("older copy", await File.ReadAllTextAsync(Local("f")));
        Assert.Equal(["f"], Files());
        Assert.Contains("after 5 of 10 bytes", error, StringComparison.Ordinal);
        Assert.Contains("nothing was written", error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    /// <summary>-c with "01234" at FILE: SIZE says <paramref name="size"/>, REST 5, then the server sends <paramref name="sent"/> and 226.</summary>
    private async Task<(int Code, string Output, string Error)> ContinueAsync(long size, string sent)
    {
        await File.WriteAllTextAsync(Local("f"), "01234");
        await using var data = new FakeDataPort();
        await using var server = Server($"{WithSize}\nC: TYPE I\nS: 200 ok\nC: SIZE f\nS: 213 {size}\nC: EPSV\nS: {data.EpsvReply}\nC: REST 5\nS: 350 Restart position accepted (5).\nC: RETR f\nS: 150 go")
            .Do(_ => data.SendAsync(Encoding.ASCII.GetBytes(sent))).Script("S: 226 Transfer complete.\n" + Quit);
        server.Start();
        var result = await CliHarness.RunAsync("ftp", "get", Url(server, "f"), "-o", Local("f"), "-c");
        await server.Completion;
        return result;
    }

    [Fact]
    public async Task Get_Continue_SendsRestFromFileLength_FileBecomesWhole()
    {
        var (code, output, error) = await ContinueAsync(10, "56789");

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Equal("0123456789", await File.ReadAllTextAsync(Local("f")));
        Assert.StartsWith("f: 5 bytes from byte 5 in ", output, StringComparison.Ordinal);
        Assert.EndsWith(", 226 Transfer complete.\n", output.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Continue_ShortData_Exits1_KeepsPartialShorterThanWhole()
    {
        var (code, _, error) = await ContinueAsync(20, "56789");

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Equal("0123456789", await File.ReadAllTextAsync(Local("f")));
        Assert.Contains("keeps 10 of 20 bytes", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Continue_TooManyBytes_Exits1_FileBackToItsLengthBefore()
    {
        var (code, _, error) = await ContinueAsync(8, "56789");

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Equal("01234", await File.ReadAllTextAsync(Local("f"))); // 10 bytes of an 8-byte file would have looked complete
        Assert.Contains("keeps 5 of 8 bytes", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Continue_AlreadyWhole_NoTransfer()
    {
        await File.WriteAllTextAsync(Local("f"), "hello");
        await using var server = Server($"{WithSize}\nC: TYPE I\nS: 200 ok\nC: SIZE f\nS: 213 5\n" + Quit);
        server.Start();

        var (code, output, _) = await CliHarness.RunAsync("ftp", "get", Url(server, "f"), "-o", Local("f"), "-c");

        Assert.Equal(ExitCodes.Ok, code);
        await server.Completion;
        Assert.Contains("already complete", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(WithSize + "\nC: TYPE I\nS: 200 ok\nC: SIZE gone\nS: 550 Could not get file size.")]
    [InlineData(NoSize + "\nC: TYPE I\nS: 200 ok\nC: EPSV\nS: {0}\nC: RETR gone\nS: 550 Failed to open file.")]
    public async Task Get_550_Exits3_NoFileCreated(string script)
    {
        await using var data = new FakeDataPort();
        await using var server = Server(string.Format(System.Globalization.CultureInfo.InvariantCulture, script, data.EpsvReply) + "\n" + Quit);
        server.Start();

        var (code, _, error) = await CliHarness.RunAsync("ftp", "get", Url(server, "gone"), "-o", Local("gone"));

        Assert.Equal(ExitCodes.ServerRefused, code);
        await server.Completion;
        Assert.Contains("(550)", error, StringComparison.Ordinal);
        Assert.Empty(Files());
    }

    [Fact]
    public async Task Put_IntoFolderUrl_StorUnderLocalName_SizeChecked()
    {
        var content = Enumerable.Range(0, 70_000).Select(i => (byte)i).ToArray();
        await File.WriteAllBytesAsync(Local("up.bin"), content);
        await using var data = new FakeDataPort();
        await using var server = Server($"C: TYPE I\nS: 200 ok\nC: EPSV\nS: {data.EpsvReply}\nC: STOR incoming/up.bin\nS: 150 Ok to send data.")
            .Do(_ => data.ReceiveAsync()).Script($"S: 226 Transfer complete.\n{WithSize}\nC: SIZE incoming/up.bin\nS: 213 {content.Length}\n" + Quit);
        server.Start();

        var (code, output, error) = await CliHarness.RunAsync("ftp", "put", Local("up.bin"), Url(server, "incoming/"), "--json");

        Assert.True(code == ExitCodes.Ok, error);
        await server.Completion;
        Assert.Equal(content, data.Received);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(content.Length, json.RootElement.GetProperty("bytes").GetInt64());
        Assert.Equal("incoming/up.bin", json.RootElement.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Put_Continue_SizeThenAppeOfTheRest()
    {
        await File.WriteAllTextAsync(Local("up.txt"), "hello world");
        await using var data = new FakeDataPort();
        await using var server = Server($"{WithSize}\nC: TYPE I\nS: 200 ok\nC: SIZE up.txt\nS: 213 6\nC: EPSV\nS: {data.EpsvReply}\nC: APPE up.txt\nS: 150 Ok to send data.")
            .Do(_ => data.ReceiveAsync()).Script("S: 226 Transfer complete.\nC: SIZE up.txt\nS: 213 11\n" + Quit);
        server.Start();

        var (code, _, error) = await CliHarness.RunAsync("ftp", "put", Local("up.txt"), Url(server, "up.txt"), "-c");

        Assert.True(code == ExitCodes.Ok, error);
        await server.Completion;
        Assert.Equal("world", Encoding.ASCII.GetString(data.Received));
    }

    [Fact]
    public async Task Put_ServerEndsWith451_Exits1()
    {
        await File.WriteAllTextAsync(Local("up.txt"), "hello");
        await using var data = new FakeDataPort();
        await using var server = Server($"C: TYPE I\nS: 200 ok\nC: EPSV\nS: {data.EpsvReply}\nC: STOR up.txt\nS: 150 Ok to send data.")
            .Do(_ => data.ReceiveAsync()).Script("S: 451 Failure writing to local file.\n" + Quit);
        server.Start();

        var (code, _, error) = await CliHarness.RunAsync("ftp", "put", Local("up.txt"), Url(server, "up.txt"));

        Assert.Equal(ExitCodes.Failure, code);
        await server.Completion;
        Assert.Contains("451", error, StringComparison.Ordinal);
    }
}
