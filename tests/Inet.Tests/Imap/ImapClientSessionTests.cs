using System.Security.Cryptography.X509Certificates;
using System.Text;
using Inet.Core;
using Inet.Core.Sasl;
using Inet.Imap;
using Inet.Tests.Fakes;
using Inet.Tests.Nntp;
using static Inet.Tests.Imap.ImapClientTestHelpers;

namespace Inet.Tests.Imap;

/// <summary>Greeting, STARTTLS, LOGIN and AUTHENTICATE, BYE and protocol violations, against scripted transcripts.</summary>
public sealed class ImapClientSessionTests
{
    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static Func<ImapClientOptions, ImapClientOptions> Login(string password = "s3cret", CapturingLogger? logger = null, string? mechanism = null) =>
        o => o with { UserName = "joe", Password = password, AllowCredentialsWithoutTls = true, Logger = logger, AuthMechanism = mechanism };

    [Fact]
    public async Task PreAuthGreeting_IsAuthenticated_WithoutAnyLogin()
    {
        await using var server = new ScriptedServer().Script("S: * PREAUTH [CAPABILITY IMAP4rev1 IDLE] welcome back joe\n" + Logout(1));

        await using var client = await Connect(server, Login());

        Assert.True(client.IsAuthenticated);
        Assert.True(client.Capabilities.Idle);
        Assert.Equal(ImapStatus.PreAuth, client.Greeting!.Status);
        Assert.DoesNotContain("LOGIN", server.Received.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GreetingWithoutCapabilities_AsksForThem()
    {
        await using var server = new ScriptedServer().Script("""
            S: * OK server ready
            C: A0001 CAPABILITY
            S: * CAPABILITY IMAP4rev1 LITERAL+ IDLE
            S: A0001 OK done
            """ + "\n" + Logout(2));

        await using var client = await Connect(server);

        Assert.False(client.IsAuthenticated);
        Assert.True(client.Capabilities.LiteralPlus && client.Capabilities.Idle);
    }

    [Fact]
    public async Task ByeGreeting_Throws_AndSendsNothing()
    {
        await using var server = new ScriptedServer().Script("S: * BYE too many connections from your address").ExpectClose();

        var e = await Assert.ThrowsAsync<ImapByeException>(() => Connect(server));

        Assert.Equal("too many connections from your address", e.Response.Text);
        Assert.Equal("", server.Received.ToString());
    }

    [Fact]
    public async Task Login_SendsThePassword_ButTheLogShowsItRedacted()
    {
        var logger = new CapturingLogger();
        await using var server = new ScriptedServer().Script(Greeting() + """

            C: A0001 LOGIN joe s3cret
            S: A0001 OK [CAPABILITY IMAP4rev1 IDLE] LOGIN completed
            """ + "\n" + Logout(2));

        await using (var client = await Connect(server, Login(logger: logger)))
        {
            Assert.True(client.IsAuthenticated);
            Assert.True(client.Capabilities.Idle); // taken from the OK, no CAPABILITY asked
        }

        var log = string.Join('\n', logger.Lines);
        Assert.Contains("A0001 LOGIN" + ProtocolLog.Redacted, log, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_PasswordAsSynchronizingLiteral_IsNeverLogged()
    {
        // Non-ASCII cannot be quoted without UTF8=ACCEPT: the password travels as a literal, after "+".
        var logger = new CapturingLogger();
        await using var server = new ScriptedServer().Script(Greeting() + """

            C: A0001 LOGIN joe {7}
            S: + ready
            C: pässwd
            S: A0001 OK [CAPABILITY IMAP4rev1] LOGIN completed
            """ + "\n" + Logout(2));

        await using (var client = await Connect(server, Login("pässwd", logger)))
            Assert.True(client.IsAuthenticated);

        var log = string.Join('\n', logger.Lines);
        Assert.DoesNotContain("pässwd", log, StringComparison.Ordinal);
        Assert.DoesNotContain("{7}", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_Refused_IsAuthenticationFailed_AndTheMessageHasNoPassword()
    {
        await using var server = new ScriptedServer().Script(Greeting() + """

            C: A0001 LOGIN joe "s3cret pass"
            S: A0001 NO [AUTHENTICATIONFAILED] Authentication failed.
            """ + "\n" + Logout(2));

        var e = await Assert.ThrowsAsync<AuthenticationFailedException>(() => Connect(server, Login("s3cret pass")));

        Assert.Contains("Authentication failed", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CredentialsWithoutTls_AreNeverSent()
    {
        await using var server = new ScriptedServer().Script(Greeting("IMAP4rev1 AUTH=PLAIN SASL-IR") + "\n" + Logout(1));

        await Assert.ThrowsAsync<TlsUnavailableException>(() => Connect(server, o => o with { UserName = "joe", Password = "s3cret" }));

        var sent = server.Received.ToString();
        Assert.DoesNotContain("AUTHENTICATE", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("LOGIN joe", sent, StringComparison.Ordinal);
        Assert.DoesNotContain(B64("\0joe\0s3cret"), sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthenticatePlain_WithSaslIr_IsOneLine_AndRedacted()
    {
        var logger = new CapturingLogger();
        await using var server = new ScriptedServer().Script(Greeting("IMAP4rev1 SASL-IR AUTH=PLAIN") + $"""

            C: A0001 AUTHENTICATE PLAIN {B64("\0joe\0s3cret")}
            S: A0001 OK [CAPABILITY IMAP4rev1 MOVE] Logged in
            """ + "\n" + Logout(2));

        await using (var client = await Connect(server, Login(logger: logger)))
        {
            Assert.True(client.IsAuthenticated);
            Assert.True(client.Capabilities.Move);
        }

        var log = string.Join('\n', logger.Lines);
        Assert.Contains("A0001 AUTHENTICATE PLAIN " + ProtocolLog.Redacted, log, StringComparison.Ordinal);
        Assert.DoesNotContain(B64("\0joe\0s3cret"), log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthenticatePlain_WithoutSaslIr_AnswersTheEmptyContinuation_ThenAsksCapabilities()
    {
        await using var server = new ScriptedServer().Script(Greeting("IMAP4rev1 AUTH=PLAIN") + $"""

            C: A0001 AUTHENTICATE PLAIN
            S: + 
            C: {B64("\0joe\0s3cret")}
            S: A0001 OK Logged in
            C: A0002 CAPABILITY
            S: * CAPABILITY IMAP4rev1 IDLE
            S: A0002 OK done
            """ + "\n" + Logout(3));

        await using var client = await Connect(server, Login());

        Assert.True(client.IsAuthenticated);
        Assert.True(client.Capabilities.Idle);
    }

    [Fact]
    public async Task Authenticate_ChallengeThatIsNotBase64_IsAnsweredWithAStar()
    {
        await using var server = new ScriptedServer().Script(Greeting("IMAP4rev1 AUTH=PLAIN") + """

            C: A0001 AUTHENTICATE PLAIN
            S: + !!not base64!!
            C: *
            S: A0001 BAD AUTHENTICATE cancelled
            """ + "\n" + Logout(2));

        await Assert.ThrowsAsync<SaslException>(() => Connect(server, Login()));

        Assert.DoesNotContain(B64("\0joe\0s3cret"), server.Received.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartTls_DropsPlaintextInjectedBeforeTheHandshake_AndAsksCapabilitiesAgain()
    {
        var certificate = TestCertificates.Localhost;
        // "* CAPABILITY ... AUTH=PLAIN" after the OK is an injection: it came before TLS and must not count.
        await using var server = new ScriptedServer().Script("""
                S: * OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready
                C: A0001 STARTTLS
                """)
            .SendRaw(Encoding.ASCII.GetBytes("A0001 OK Begin TLS negotiation now\r\n* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n"))
            .StartTls(certificate)
            .Script("""
                C: A0002 CAPABILITY
                S: * CAPABILITY IMAP4rev1 IDLE LOGINDISABLED
                S: A0002 OK done
                """ + "\n" + Logout(3));

        await using var client = await Connect(server, o => o with
        {
            Connection = o.Connection with { TrustedRootCertificates = new X509Certificate2Collection(X509CertificateLoader.LoadCertificate(certificate.RawData)) },
        });

        Assert.True(client.IsSecure);
        Assert.True(client.Capabilities.Idle);
        Assert.Empty(client.Capabilities.AuthMechanisms);
        Assert.False(client.Capabilities.StartTls);
    }

    [Fact]
    public async Task StartTlsAlways_ServerWithoutStartTls_StopsBeforeSendingAnything()
    {
        await using var server = new ScriptedServer().Script(Greeting("IMAP4rev1 AUTH=PLAIN") + "\n" + Logout(1));

        await Assert.ThrowsAsync<TlsUnavailableException>(() => Connect(server, o => o with { StartTls = StartTlsPolicy.Always, UserName = "joe", Password = "x" }));

        Assert.Equal("A0001 LOGOUT\n", server.Received.ToString());
    }

    [Fact]
    public async Task ByeMidSession_IsImapByeException_AndTheClientIsDone()
    {
        await using var server = new ScriptedServer().Script(Greeting() + """

            C: A0001 NOOP
            S: * BYE shutting down
            """).Disconnect();
        await using var client = await Connect(server);

        var e = await Assert.ThrowsAsync<ImapByeException>(() => client.NoopAsync());

        Assert.Equal("shutting down", e.Response.Text);
        Assert.False(client.IsConnected);
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.NoopAsync());
    }

    [Fact]
    public async Task TaggedResponseWithAnUnknownTag_IsAProtocolViolation()
    {
        await using var server = new ScriptedServer().Script(Greeting() + """

            C: A0001 NOOP
            S: A0099 OK NOOP completed
            """);
        await using var client = await Connect(server);

        var e = await Assert.ThrowsAsync<ProtocolViolationException>(() => client.NoopAsync());

        Assert.Contains("A0099", e.Message, StringComparison.Ordinal);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task ResponseLineThatNeverEnds_HitsTheLineLimit()
    {
        await using var server = new ScriptedServer().Script(Greeting() + "\nC: A0001 NOOP")
            .SendRaw(Encoding.ASCII.GetBytes("* OK " + new string('x', 20_000)));
        await using var client = await Connect(server, o => o with { Connection = o.Connection with { MaxLineLength = 1024 } });

        await Assert.ThrowsAsync<ProtocolViolationException>(() => client.NoopAsync());

        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task IdAndEnable_ParseTheAnswers()
    {
        await using var server = new ScriptedServer().Script(Greeting("IMAP4rev1 ID ENABLE UTF8=ACCEPT") + """

            C: A0001 ID ("name" "inet")
            S: * ID ("name" "Dovecot" "version" NIL)
            S: A0001 OK ID completed
            C: A0002 ENABLE UTF8=ACCEPT CONDSTORE
            S: * ENABLED UTF8=ACCEPT
            S: A0002 OK ENABLE completed
            """ + "\n" + Logout(3));
        await using var client = await Connect(server);

        var id = await client.IdAsync(new Dictionary<string, string> { ["name"] = "inet" });
        var enabled = await client.EnableAsync(["UTF8=ACCEPT", "CONDSTORE"]);

        Assert.Equal("Dovecot", id["name"]);
        Assert.Null(id["version"]);
        Assert.Equal(["UTF8=ACCEPT"], enabled);
        Assert.True(client.Utf8Enabled);
    }
}
