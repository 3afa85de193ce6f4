using System.Security.Cryptography.X509Certificates;
using System.Text;
using Inet.Core;
using Inet.Pop3;
using Inet.Tests.Fakes;
using Xunit;
using static Inet.Tests.Pop3.Pop3TestHelpers;

namespace Inet.Tests.Pop3;

public sealed class Pop3SessionTests
{
    [Fact]
    public async Task Greeting_KeepsTheApopTimestamp_AndCapaIsParsed()
    {
        await using var server = new ScriptedServer().Script(HelloWith(ApopGreeting,
            "TOP", "USER", "SASL PLAIN login CRAM-MD5", "RESP-CODES", "LOGIN-DELAY 900", "PIPELINING", "EXPIRE 60 USER", "UIDL",
            "IMPLEMENTATION Shlemazle-Plus", "STLS") + "\n" + Quit);
        var options = Options(server.Start()) with { StartTls = StartTlsPolicy.Never };

        await using var client = await Pop3Client.ConnectAsync(options);

        Assert.Equal("POP3 server ready <1896.697170952@dbc.mtview.ca.us>", client.Greeting.Text);
        Assert.Equal("<1896.697170952@dbc.mtview.ca.us>", client.ApopTimestamp);
        var caps = client.Capabilities;
        Assert.True(caps.Top && caps.User && caps.Uidl && caps.Pipelining && caps.ResponseCodes && caps.Stls);
        Assert.Equal(["PLAIN", "LOGIN", "CRAM-MD5"], caps.SaslMechanisms);
        Assert.Equal(900, caps.LoginDelay);
        Assert.Equal("60 USER", caps.Expire);
        Assert.Equal("Shlemazle-Plus", caps.Implementation);
        Assert.True(caps.Has("login-delay"));
        Assert.False(client.IsSecure);
    }

    [Theory]
    [InlineData("+OK ready", null)]
    [InlineData("+OK <no-at-sign>", null)]
    [InlineData("+OK ready <a b@c>", null)]
    [InlineData("+OK <x@y> and <z@w>", "<x@y>")]
    public void FindTimestamp_TakesOnlyAnRfc1939Timestamp(string greeting, string? expected) =>
        Assert.Equal(expected, Pop3Client.FindTimestamp(greeting));

    [Fact]
    public async Task Capa_RefusedByAnOldServer_MeansNoCapabilities()
    {
        await using var server = new ScriptedServer().Script("S: +OK old server\nC: CAPA\nS: -ERR unknown command\n" + Quit);

        await using var client = await Connect(server);

        Assert.Same(Pop3Capabilities.None, client.Capabilities);
    }

    [Fact]
    public async Task Stls_DropsInjectedPlaintext_AndAsksCapaAgain()
    {
        var certificate = TestCertificates.Localhost;
        // "SASL PLAIN" and "." after the +OK are an injection: a client that kept them would take them as protected.
        await using var server = new ScriptedServer().Script(Hello("STLS", "USER") + "\nC: STLS")
            .SendRaw(Encoding.ASCII.GetBytes("+OK Begin TLS negotiation now.\r\n+OK\r\nSASL PLAIN\r\n.\r\n"))
            .StartTls(certificate)
            .Script(Capa("USER", "PIPELINING") + "\n" + Quit);
        var options = Options(server.Start()) with
        {
            Connection = Options(server).Connection with { TrustedRootCertificates = new X509Certificate2Collection(X509CertificateLoader.LoadCertificate(certificate.RawData)) },
        };

        await using var client = await Pop3Client.ConnectAsync(options);

        Assert.True(client.IsSecure);
        Assert.True(client.Capabilities.Pipelining);
        Assert.Empty(client.Capabilities.SaslMechanisms);
        Assert.False(client.Capabilities.Stls);
    }

    [Fact]
    public async Task StlsAlways_ServerWithoutStls_StopsBeforeSendingAnythingElse()
    {
        await using var server = new ScriptedServer().Script(Hello("USER", "SASL PLAIN") + "\n" + Quit);
        var options = Options(server.Start()) with { StartTls = StartTlsPolicy.Always, UserName = "joe", Password = "s3cret", AllowCredentialsWithoutTls = true };

        await Assert.ThrowsAsync<TlsUnavailableException>(() => Pop3Client.ConnectAsync(options));

        Assert.Equal("CAPA\nQUIT\n", server.Received.ToString());
    }

    [Fact]
    public async Task Stls_RefusedByServer_IsTlsUnavailable()
    {
        await using var server = new ScriptedServer().Script(Hello("STLS") + "\nC: STLS\nS: -ERR [SYS/TEMP] TLS not now\n" + Quit);

        var e = await Assert.ThrowsAsync<TlsUnavailableException>(() => Connect(server));

        Assert.Equal(400, e.Reply?.Code);
    }

    [Fact]
    public async Task Greeting_Err_IsRefusal()
    {
        await using var server = new ScriptedServer().Script("S: -ERR [SYS/PERM] go away");

        var e = await Assert.ThrowsAsync<Pop3CommandException>(() => Connect(server));

        Assert.Equal("SYS/PERM", e.ResponseCode);
        Assert.False(e.IsTransient);
    }

    [Fact]
    public async Task StatusLine_NeitherOkNorErr_IsAViolation()
    {
        await using var server = new ScriptedServer().Script(Hello() + "\nC: NOOP\nS: 250 OK");
        await using var client = await Connect(server);

        await Assert.ThrowsAsync<ProtocolViolationException>(() => client.NoopAsync());

        Assert.False(client.IsConnected);
    }

    [Theory]
    [InlineData("+OKAY")]
    [InlineData("-ERROR")]
    [InlineData("+ continuation outside AUTH")]
    public async Task StatusLine_LookAlikes_AreViolations(string line)
    {
        await using var server = new ScriptedServer().Script(Hello() + "\nC: NOOP\nS: " + line);
        await using var client = await Connect(server);

        await Assert.ThrowsAsync<ProtocolViolationException>(() => client.NoopAsync());
    }

    [Fact]
    public async Task ResponseLine_ThatNeverEnds_HitsTheLineLimit()
    {
        await using var server = new ScriptedServer().Script(Hello() + "\nC: NOOP").SendRaw(Encoding.ASCII.GetBytes("+OK " + new string('x', 5000)));
        var options = Options(server.Start()) with { Connection = Options(server).Connection with { MaxLineLength = 1024 } };
        await using var client = await Pop3Client.ConnectAsync(options);

        await Assert.ThrowsAsync<ProtocolViolationException>(() => client.NoopAsync());

        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task StatusLine_OverTheStatusLimit_IsAViolation_ThoughMessageLinesMayBeLonger()
    {
        await using var server = new ScriptedServer().Script(Hello() + "\nC: RETR 1\nS: +OK\nS: " + new string('b', 10_000) + "\nS: .\nC: NOOP\nS: +OK " + new string('x', 5000));
        await using var client = await Connect(server);

        Assert.Equal(10_002, (await (await client.RetrieveAsync(1)).ToArrayAsync()).Length);
        await Assert.ThrowsAsync<ProtocolViolationException>(() => client.NoopAsync());

        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Noop_Reset_Quit()
    {
        await using var server = new ScriptedServer().Script(Hello() + "\nC: NOOP\nS: +OK\nC: RSET\nS: +OK maildrop has 2 messages\n" + Quit);
        await using var client = await Connect(server);

        await client.NoopAsync();
        Assert.Equal("maildrop has 2 messages", (await client.ResetAsync()).Text);
        await client.QuitAsync();

        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Quit_Err_SaysSomeDeletionsFailed()
    {
        await using var server = new ScriptedServer().Script(Hello() + "\nC: DELE 1\nS: +OK\nC: QUIT\nS: -ERR [SYS/TEMP] some deleted messages not removed");
        await using var client = await Connect(server);
        await client.DeleteAsync(1);

        var e = await Assert.ThrowsAsync<Pop3CommandException>(() => client.QuitAsync());

        Assert.True(e.IsTransient);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Cancellation_MidCommand_BreaksTheSession()
    {
        await using var server = new ScriptedServer().Script(Hello() + "\nC: NOOP");
        await using var client = await Connect(server);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.NoopAsync(cts.Token));

        Assert.False(client.IsConnected);
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.NoopAsync());
    }

    [Fact]
    public void FromUrl_Pop3AndPop3s()
    {
        var plain = Pop3ClientOptions.FromUrl("pop3://joe:pw@mail.example.test");
        var tls = Pop3ClientOptions.FromUrl("pop3s://mail.example.test");

        Assert.Equal((110, false, "joe", "pw"), (plain.Connection.Port, plain.Connection.UseImplicitTls, plain.UserName, plain.Password));
        Assert.Equal((995, true), (tls.Connection.Port, tls.Connection.UseImplicitTls));
    }
}
