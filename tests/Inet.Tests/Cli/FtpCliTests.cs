using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Inet.Cli;
using Inet.Cli.Ftp;
using Inet.Core;
using Inet.Ftp;
using Inet.Tests.Fakes;
using static Inet.Tests.Cli.FtpCliTransferTests;
using static Inet.Tests.Ftp.FtpTestHelpers;

namespace Inet.Tests.Cli;

/// <summary><c>inet ftp</c> listings, the one-command verbs, usage errors, TLS refusal and the transcript.</summary>
public sealed class FtpCliTests
{
    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    [Fact]
    public async Task Ls_List_TextColumns()
    {
        var listing = "drwxr-xr-x    2 0        0            4096 Jan 01  2024 sub\r\n"
            + "-rw-r--r--    1 1000     1000           42 Mar 05  2023 notes with spaces.txt\r\n"
            + "lrwxrwxrwx    1 0        0               7 Jan 01  2024 latest -> rel/1.0\r\n";
        await using var data = new FakeDataPort();
        await using var server = Server($"{NoSize}\nC: SYST\nS: 215 UNIX Type: L8\nC: EPSV\nS: {data.EpsvReply}\nC: LIST -a pub\nS: 150 Here comes the directory listing.")
            .Do(_ => data.SendAsync(Encoding.UTF8.GetBytes(listing))).Script("S: 226 Directory send OK.\n" + Quit);
        server.Start();

        var (code, output, error) = await CliHarness.RunAsync("ftp", "ls", Url(server, "pub/"));

        Assert.True(code == ExitCodes.Ok, error);
        await server.Completion;
        Assert.Equal("""
            d 4096 2024-01-01 00:00 sub
            -   42 2023-03-05 00:00 notes with spaces.txt
            l    7 2024-01-01 00:00 latest -> rel/1.0

            """.Replace("\r\n", "\n", StringComparison.Ordinal), Normalize(output));
    }

    [Fact]
    public async Task Ls_Mlsd_Json()
    {
        var listing = "type=cdir;modify=20240105091200;perm=flcdmpe; .\r\n"
            + "type=file;size=42;modify=20240305123000;perm=adfrw; notes.txt\r\n"
            + "type=dir;modify=20240101000000;perm=flcdmpe; sub\r\n";
        await using var data = new FakeDataPort();
        await using var server = Server($"C: FEAT\nS: 211-Features:\nS:  EPSV\nS:  MLST type*;size*;modify*;perm*;\nS: 211 End\nC: EPSV\nS: {data.EpsvReply}\nC: MLSD\nS: 150 Accepted data connection")
            .Do(_ => data.SendAsync(Encoding.UTF8.GetBytes(listing))).Script("S: 226 3 matches total\n" + Quit);
        server.Start();

        var (code, output, error) = await CliHarness.RunAsync("ftp", "ls", Url(server, ""), "--json");

        Assert.True(code == ExitCodes.Ok, error);
        await server.Completion;
        using var json = JsonDocument.Parse(output);
        var items = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        var file = items[0];
        Assert.Equal("notes.txt", file.GetProperty("name").GetString());
        Assert.Equal("file", file.GetProperty("type").GetString());
        Assert.Equal(42, file.GetProperty("size").GetInt64());
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 12, 30, 0, TimeSpan.Zero), file.GetProperty("modified").GetDateTimeOffset());
        Assert.Equal("2024-03-05T12:30:00+00:00", file.GetProperty("modified").GetString());
        Assert.Equal("adfrw", file.GetProperty("permissions").GetString());
        Assert.Equal(JsonValueKind.Null, file.GetProperty("target").ValueKind);
        Assert.Equal("directory", items[1].GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("size").ValueKind);
    }

    [Fact]
    public async Task Ls_Active_SendsEprtAndTakesTheServersConnection()
    {
        string? eprt = null;
        await using var server = Server(NoSize + "\nC: SYST\nS: 215 Windows_NT").ExpectAny(line => eprt = line).Script("S: 200 EPRT command successful.\nC: LIST\nS: 150 Here comes the directory listing.")
            .Do(async _ =>
            {
                var port = int.Parse(eprt!.Split('|')[3], System.Globalization.CultureInfo.InvariantCulture);
                using var back = new TcpClient();
                await back.ConnectAsync(IPAddress.Loopback, port);
                await back.GetStream().WriteAsync("-rw-r--r-- 1 0 0 3 Jan 01  2024 a\r\n"u8.ToArray());
            }).Script("S: 226 Directory send OK.\n" + Quit);
        server.Start();

        var (code, output, error) = await CliHarness.RunAsync("ftp", "ls", Url(server, ""), "--active");

        Assert.True(code == ExitCodes.Ok, error);
        await server.Completion;
        Assert.StartsWith("EPRT |1|127.0.0.1|", eprt, StringComparison.Ordinal);
        Assert.Equal("- 3 2024-01-01 00:00 a\n", Normalize(output));
    }

    [Theory]
    [InlineData("rm", "pub/old.txt", null, "C: DELE pub/old.txt\nS: 250 Delete operation successful.")]
    [InlineData("rm", "%2Fetc/old.txt", null, "C: DELE /etc/old.txt\nS: 250 Delete operation successful.")]
    [InlineData("mkdir", "pub/new/", null, "C: MKD pub/new\nS: 257 \"/pub/new\" created")]
    [InlineData("rmdir", "pub/new/", null, "C: RMD pub/new\nS: 250 Remove directory operation successful.")]
    [InlineData("mv", "pub/a%20b.txt", "pub/c d.txt", "C: RNFR pub/a b.txt\nS: 350 Ready for RNTO.\nC: RNTO pub/c d.txt\nS: 250 Rename successful.")]
    public async Task FileVerbs_SendTheirCommand_PrintNothing(string verb, string path, string? newPath, string transcript)
    {
        await using var server = Server(transcript + "\n" + Quit);
        server.Start();
        string[] args = ["ftp", verb, Url(server, path)];

        var (code, output, error) = await CliHarness.RunAsync(newPath is null ? args : [.. args, newPath]);

        Assert.True(code == ExitCodes.Ok, error);
        await server.Completion;
        Assert.Equal("", output);
    }

    [Fact]
    public async Task Rm_550_Exits3()
    {
        await using var server = Server("C: DELE gone\nS: 550 Delete operation failed.\n" + Quit);
        server.Start();

        var (code, _, error) = await CliHarness.RunAsync("ftp", "rm", Url(server, "gone"));

        Assert.Equal(ExitCodes.ServerRefused, code);
        await server.Completion;
        Assert.Contains("server refused (550): Delete operation failed.", error, StringComparison.Ordinal);
    }

    /// <summary>CR, LF or NUL anywhere a command would carry it: exit 2, and the server never even sees a connection.</summary>
    [Theory]
    [InlineData("get", "a%0D%0ADELE%20b", null)]
    [InlineData("get", "a%00b", null)]
    [InlineData("rm", "a%0Ab", null)]
    [InlineData("mv", "a", "b\r\nDELE c")]
    [InlineData("ls", "dir%0D%0A/", null)]
    public async Task CrLfOrNul_Exits2_BeforeConnecting(string verb, string path, string? newPath)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = $"ftp://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/{path}";
        string[] args = verb == "get" ? ["ftp", verb, url, "-o", Path.Combine(Path.GetTempPath(), "inet-never-written")] : ["ftp", verb, url];

        var (code, _, error) = await CliHarness.RunAsync(newPath is null ? args : [.. args, newPath]);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("CR, LF or NUL", error, StringComparison.Ordinal);
        Assert.False(listener.Pending());
    }

    [Fact]
    public async Task CrLfInUser_Exits2_BeforeConnecting()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();

        var (code, _, _) = await CliHarness.RunAsync("ftp", "ls", $"ftp://bob%0D%0ASITE%20x:pw@127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.False(listener.Pending());
    }

    [Theory]
    [InlineData("ls", "http://example.com/")]
    [InlineData("ls", "ftp://")]
    [InlineData("ls", "not a url")]
    [InlineData("rm", "ftp://example.com/")]
    [InlineData("get", "ftp://example.com/folder/")]
    public async Task BadUrl_Exits2(string verb, string url)
    {
        string[] args = verb == "get" ? ["ftp", verb, url, "-o", Path.Combine(Path.GetTempPath(), "inet-never-written")] : ["ftp", verb, url];

        var (code, _, error) = await CliHarness.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("inet: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ftps_AuthTlsRefused_Exits4_NoUserOrPassSent()
    {
        await using var server = new ScriptedServer().Script("S: 220 (vsFTPd 3.0.5)\nC: AUTH TLS\nS: 530 Please login with USER and PASS.").ExpectClose();
        server.Start();

        var (code, _, error) = await CliHarness.RunAsync("ftp", "get", $"ftps://alice:S3cr3t@127.0.0.1:{server.Port}/f", "-o",
            Path.Combine(Path.GetTempPath(), "inet-never-written"));

        Assert.Equal(ExitCodes.Network, code);
        await server.Completion;
        Assert.DoesNotContain("USER", server.Received.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("PASS", server.Received.ToString(), StringComparison.Ordinal);
        Assert.Contains("refused AUTH TLS", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ftps_ExplicitTlsWithCaFile_LogsInUnderTlsAndProtectsData()
    {
        var ca = Path.GetTempFileName();
        await File.WriteAllTextAsync(ca, TestCertificates.Localhost.ExportCertificatePem());
        try
        {
            await using var server = new ScriptedServer().Script("S: 220 ready\nC: AUTH TLS\nS: 234 Proceed with negotiation.")
                .StartTls(TestCertificates.Localhost)
                .Script("C: USER alice\nS: 331 Please specify the password.\nC: PASS S3cr3t\nS: 230 Login successful.\nC: PBSZ 0\nS: 200 PBSZ set to 0.\nC: PROT P\nS: 200 PROT now Private.\nC: DELE f\nS: 250 Delete operation successful.\n" + Quit);
            server.Start();

            var (code, _, error) = await CliHarness.RunAsync("ftp", "rm", $"ftps://alice:S3cr3t@127.0.0.1:{server.Port}/f", "--ca-file", ca);

            Assert.True(code == ExitCodes.Ok, error);
            await server.Completion;
        }
        finally
        {
            File.Delete(ca);
        }
    }

    [Fact]
    public async Task Verbose_TranscriptOnStderr_PasswordNeverShown()
    {
        const string secret = "S3cr3t-pa55";
        await using var server = new ScriptedServer().Script($"S: 220 ready\nC: USER alice\nS: 331 Password?\nC: PASS {secret}\nS: 530 Login incorrect.\n" + Quit);
        server.Start();

        var (code, output, error) = await CliHarness.RunAsync("ftp", "ls", $"ftp://alice:{secret}@127.0.0.1:{server.Port}/", "--verbose", "--json");

        Assert.Equal(ExitCodes.Network, code);
        await server.Completion;
        Assert.Contains("C: PASS " + ProtocolLog.Redacted, error, StringComparison.Ordinal);
        Assert.Contains("S: 530 Login incorrect.", error, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, error + output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftps://h/f", new string[0], FtpSecurity.ExplicitTls, 21)]
    [InlineData("ftps://h:990/f", new string[0], FtpSecurity.ImplicitTls, 990)]
    [InlineData("ftps://h/f", new[] { "--implicit-tls" }, FtpSecurity.ImplicitTls, 990)]
    [InlineData("ftp://h:2121/f", new[] { "--implicit-tls" }, FtpSecurity.ImplicitTls, 2121)]
    [InlineData("ftp://h/f", new string[0], FtpSecurity.None, 21)]
    public void Options_TlsFromSchemePortAndFlag(string url, string[] flags, FtpSecurity security, int port)
    {
        var options = Build([url, .. flags]);

        Assert.Equal((security, port, security == FtpSecurity.ImplicitTls), (options.Security, options.Connection.Port, options.Connection.UseImplicitTls));
    }

    [Theory]
    [InlineData("ftp://h", true, null)]
    [InlineData("ftp://h/", true, null)]
    [InlineData("ftp://h/pub/", true, "pub")]
    [InlineData("ftp://h/pub", false, "pub")]
    [InlineData("ftp://h/%2F", true, "/")]
    [InlineData("ftp://h/%2F/", true, "/")]
    [InlineData("ftp://h/%2Fsrv/ftp/", true, "/srv/ftp")]
    [InlineData("ftp://h/a%20b/", true, "a b")]
    public void Target_FolderOrFile(string url, bool isFolder, string? folder)
    {
        var target = FtpTarget.Parse(url, implicitTls: false);

        Assert.Equal((isFolder, folder), (target.IsFolder, target.FolderPath));
    }

    [Fact]
    public void Options_DataModeTrustAndCredentials()
    {
        var plain = Build(["ftp://h/f"]);
        var flagged = Build(["ftp://bob:p%40ss@h/f", "--active", "--trust-pasv-address", "--insecure"]);

        Assert.Equal((FtpDataConnectionMode.AutoPassive, false), (plain.DataConnectionMode, plain.TrustPassiveAddress));
        Assert.Equal((FtpClientOptions.AnonymousUser, FtpClientOptions.AnonymousPassword), (plain.UserName, plain.Password));
        Assert.Equal((FtpDataConnectionMode.AutoActive, true, true), (flagged.DataConnectionMode, flagged.TrustPassiveAddress, flagged.Connection.DangerousAcceptAnyServerCertificate));
        Assert.Equal(("bob", "p@ss", "f"), (flagged.UserName, flagged.Password, flagged.Path));
    }

    [Fact]
    public void Options_PasswordFileWithoutUser_IsUsageError()
    {
        var file = Path.GetTempFileName();
        try
        {
            Assert.Throws<UsageException>(() => Build(["ftp://h/f", "--password-file", file]));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Mirror_ParallelOutOfRange_Exits2WithoutConnecting()
    {
        var dir = Directory.CreateTempSubdirectory("inet-mirror-").FullName;
        try
        {
            var (zero, _, _) = await CliHarness.RunAsync("ftp", "mirror", "ftp://example.invalid/pub/", dir, "--parallel", "0");
            var (many, _, _) = await CliHarness.RunAsync("ftp", "mirror", "ftp://example.invalid/pub/", dir, "--parallel", "65");

            Assert.Equal((ExitCodes.Usage, ExitCodes.Usage), (zero, many));
        }
        finally
        {
            Directory.Delete(dir);
        }
    }

    private static FtpClientOptions Build(string[] args)
    {
        var connection = new FtpConnectionOptions("url");
        var command = new Command("x");
        command.Arguments.Add(connection.Url);
        connection.AddTo(command);
        var parse = command.Parse(args);
        Assert.Empty(parse.Errors);
        var options = connection.Build(parse, connection.Target(parse), out var logging);
        Assert.Null(logging);
        return options;
    }
}
