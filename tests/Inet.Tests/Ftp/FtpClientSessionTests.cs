using Inet.Core;
using Inet.Ftp;
using Inet.Tests.Fakes;
using Inet.Tests.Nntp;
using static Inet.Tests.Ftp.FtpTestHelpers;

namespace Inet.Tests.Ftp;

public class FtpClientSessionTests
{
    [Fact]
    public async Task Connect_SingleLineWelcome_AnonymousLogin()
    {
        await using var server = Server(Quit);
        await using var client = await Connect(server);
        Assert.Equal("(vsFTPd 3.0.5)", client.Welcome);
        Assert.Equal(220, client.WelcomeReply.Code);
        Assert.True(client.IsAuthenticated);
        await client.QuitAsync();
        await server.Completion;
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Connect_MultiLineWelcome_KeepsEveryLine()
    {
        await using var server = new ScriptedServer().Script("""
            S: 220---------- Welcome to Pure-FTPd [privsep] [TLS] ----------
            S: 220-You are user number 1 of 50 allowed.
            S: 220-Local time is now 18:02. Server port: 21.
            S: 220 You will be disconnected after 15 minutes of inactivity.
            C: QUIT
            S: 221 Goodbye.
            """);
        await using var client = await Connect(server, logIn: false);
        Assert.Equal(
            "--------- Welcome to Pure-FTPd [privsep] [TLS] ----------\nYou are user number 1 of 50 allowed.\n"
            + "Local time is now 18:02. Server port: 21.\nYou will be disconnected after 15 minutes of inactivity.",
            client.Welcome);
        Assert.False(client.IsAuthenticated);
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task Connect_120ThenWelcome_WaitsForTheWelcome()
    {
        await using var server = new ScriptedServer().Script("S: 120 Service ready in 1 minute.\nS: 220 ready\n" + Quit);
        await using var client = await Connect(server, logIn: false);
        Assert.Equal("ready", client.Welcome);
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task Connect_421_ThrowsServiceUnavailable_AndSendsNothing()
    {
        await using var server = new ScriptedServer().Script("S: 421 Too many users, try later.");
        var error = await Assert.ThrowsAsync<FtpServiceUnavailableException>(() => Connect(server));
        Assert.Equal(421, error.Code);
        Assert.True(error.IsTransient);
        await server.Completion; // no QUIT after 421: checked on dispose
    }

    [Fact]
    public async Task Connect_GarbageWelcome_ThrowsProtocolViolation()
    {
        await using var server = new ScriptedServer().Script("S: SSH-2.0-OpenSSH_9.6");
        await Assert.ThrowsAsync<ProtocolViolationException>(() => Connect(server));
        await server.Completion;
    }

    [Fact]
    public async Task Login_230AfterUser_SendsNoPassword()
    {
        await using var server = new ScriptedServer().Script("S: 220 hi\nC: USER joe\nS: 230 no password needed\n" + Quit);
        await using var client = await Connect(server, "joe", "unused");
        Assert.True(client.IsAuthenticated);
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task Login_331Then230_PasswordRedactedInLog()
    {
        var logger = new CapturingLogger();
        await using var server = new ScriptedServer().Script("""
            S: 220 hi
            C: USER joe
            S: 331 Please specify the password.
            C: PASS s3cr3t-pw
            S: 230 Login successful.
            C: QUIT
            S: 221 Goodbye.
            """);
        await using var client = await Connect(server, "joe", "s3cr3t-pw", logger: logger);
        await client.QuitAsync();
        await server.Completion;
        Assert.Contains(logger.Lines, l => l.Contains("PASS ********", StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Lines, l => l.Contains("s3cr3t-pw", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Login_331Then332_SendsAccount_Redacted()
    {
        var logger = new CapturingLogger();
        await using var server = new ScriptedServer().Script("""
            S: 220 hi
            C: USER joe
            S: 331 Password required
            C: PASS pw
            S: 332 Need account for login.
            C: ACCT acct-42
            S: 230 Logged in.
            C: QUIT
            S: 221 Goodbye.
            """);
        await using var client = await Connect(server, "joe", "pw", "acct-42", logger);
        Assert.True(client.IsAuthenticated);
        await client.QuitAsync();
        await server.Completion;
        Assert.Contains(logger.Lines, l => l.Contains("ACCT ********", StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Lines, l => l.Contains("acct-42", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Login_332WithoutAccount_ThrowsAuthenticationFailed()
    {
        await using var server = new ScriptedServer().Script("S: 220 hi\nC: USER joe\nS: 331 pw\nC: PASS pw\nS: 332 Need account\n" + Quit);
        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => Connect(server, "joe", "pw"));
        Assert.Equal(332, error.Code);
        await server.Completion;
    }

    [Fact]
    public async Task Login_530_ThrowsAuthenticationFailed_ThenQuits()
    {
        var logger = new CapturingLogger();
        await using var server = new ScriptedServer().Script("S: 220 hi\nC: USER joe\nS: 331 pw\nC: PASS wrong-pw\nS: 530 Login incorrect.\n" + Quit);
        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => Connect(server, "joe", "wrong-pw", logger: logger));
        Assert.Equal(530, error.Code);
        Assert.Equal("Login incorrect.", error.Text);
        await server.Completion;
        Assert.DoesNotContain(logger.Lines, l => l.Contains("wrong-pw", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Login_PasswordWithCrLf_RejectedBeforeSending()
    {
        await using var server = new ScriptedServer().Script("S: 220 hi\nC: NOOP\nS: 200 ok\n" + Quit);
        await using var client = await Connect(server, logIn: false);
        await Assert.ThrowsAsync<ArgumentException>(() => client.LoginAsync("joe", "pw\r\nDELE x"));
        await client.NoopAsync();
        await client.QuitAsync();
        await server.Completion;
        Assert.Equal("NOOP\nQUIT\n", server.Received.ToString());
    }

    [Fact]
    public async Task Dispose_UsableSession_SendsQuit()
    {
        await using var server = Server(Quit);
        var client = await Connect(server);
        await client.DisposeAsync();
        await server.Completion;
    }

    [Fact]
    public async Task SystNoopOptsTypeModeStruSiteStatHelp_ExactTranscript()
    {
        await using var server = Server("""
            C: SYST
            S: 215 UNIX Type: L8
            C: NOOP
            S: 200 NOOP ok.
            C: OPTS UTF8 ON
            S: 200 Always in UTF8 mode.
            C: TYPE I
            S: 200 Switching to Binary mode.
            C: TYPE A
            S: 200 Switching to ASCII mode.
            C: MODE S
            S: 200 Mode set to S.
            C: STRU F
            S: 200 Structure set to F.
            C: SITE CHMOD 644 a.txt
            S: 200 SITE CHMOD command ok.
            C: STAT
            S: 211-FTP server status:
            S:      Connected to 127.0.0.1
            S: 211 End of status
            C: HELP SITE
            S: 214-The following commands are recognized.
            S:  CHMOD UMASK HELP
            S: 214 Help OK.
            C: QUIT
            S: 221 Goodbye.
            """);
        await using var client = await Connect(server);
        Assert.Equal("UNIX Type: L8", await client.SystAsync());
        await client.NoopAsync();
        await client.OptsUtf8Async();
        await client.TypeAsync(FtpTransferType.Binary);
        await client.TypeAsync(FtpTransferType.Ascii);
        await client.ModeStreamAsync();
        await client.StructureFileAsync();
        Assert.Equal(200, (await client.SiteAsync("CHMOD 644 a.txt")).Code);
        Assert.Equal(["     Connected to 127.0.0.1", "End of status"], (await client.StatAsync()).MoreLines);
        Assert.Equal(" CHMOD UMASK HELP", (await client.HelpAsync("SITE")).MoreLines[0]);
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task SendCommand_ReturnsAnyPositiveReply_VoidCommandWants2xx()
    {
        await using var server = Server("""
            C: REST 100
            S: 350 Restart position accepted (100).
            C: REST 0
            S: 350 Restart position accepted (0).
            C: XYZ
            S: 500 Unknown command.
            C: QUIT
            S: 221 Goodbye.
            """);
        await using var client = await Connect(server);
        Assert.Equal(350, (await client.SendCommandAsync("REST 100")).Code);
        Assert.Equal(350, (await Assert.ThrowsAsync<FtpUnexpectedReplyException>(() => client.VoidCommandAsync("REST 0"))).Code);
        Assert.Equal(500, (await Assert.ThrowsAsync<FtpPermanentException>(() => client.SendCommandAsync("XYZ"))).Code);
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task SendCommand_Pass_RedactedInLog()
    {
        var logger = new CapturingLogger();
        await using var server = new ScriptedServer().Script("S: 220 hi\nC: USER joe\nS: 331 pw\nC: pass raw-s3cret\nS: 230 ok\n" + Quit);
        await using var client = await Connect(server, logger: logger, logIn: false);
        Assert.Equal(331, (await client.SendCommandAsync("USER joe")).Code);
        Assert.Equal(230, (await client.VoidCommandAsync("pass raw-s3cret")).Code);
        await client.QuitAsync();
        await server.Completion;
        Assert.Contains(logger.Lines, l => l.Contains("pass ********", StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Lines, l => l.Contains("raw-s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Command_421MidSession_ThrowsAndSendsNoQuit()
    {
        await using var server = Server("C: NOOP\nS: 421 Timeout.");
        await using var client = await Connect(server);
        await Assert.ThrowsAsync<FtpServiceUnavailableException>(() => client.NoopAsync());
        Assert.False(client.IsConnected);
        await client.DisposeAsync();
        await server.Completion;
    }

    [Fact]
    public async Task Login_NamedUserWithoutPassword_SendsEmptyPass_NotTheAnonymousOne()
    {
        await using var server = new ScriptedServer().Script("S: 220 hi\nC: USER joe\nS: 331 pw\nC: PASS \nS: 230 ok\n" + Quit);
        await using var client = await Connect(server, "joe", null);
        await client.QuitAsync();
        await server.Completion;
    }
}
