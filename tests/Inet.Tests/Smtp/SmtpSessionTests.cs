using System.Security.Cryptography.X509Certificates;
using System.Text;
using Inet.Core;
using Inet.Smtp;
using Inet.Tests.Fakes;
using Xunit;
using static Inet.Tests.Smtp.SmtpTestHelpers;

namespace Inet.Tests.Smtp;

public sealed class SmtpSessionTests
{
    [Fact]
    public async Task Connect_ParsesEhloExtensions()
    {
        await using var server = new ScriptedServer().Script(Hello("PIPELINING", "SIZE 35882577", "8BITMIME", "AUTH=LOGIN PLAIN",
            "AUTH CRAM-MD5", "ENHANCEDSTATUSCODES", "CHUNKING", "SMTPUTF8", "DSN") + "\n" + Quit);
        await using var client = await Connect(server);

        var caps = client.Capabilities;
        Assert.Equal("mx.example.test", caps.ServerName);
        Assert.Equal(35882577, caps.MaxSize);
        Assert.True(caps.Pipelining && caps.EightBitMime && caps.EnhancedStatusCodes && caps.Chunking && caps.SmtpUtf8 && caps.Dsn);
        Assert.False(caps.StartTls);
        Assert.Equal(["LOGIN", "PLAIN", "CRAM-MD5"], caps.AuthMechanisms);
    }

    [Fact]
    public async Task Connect_EhloUnknown_FallsBackToHelo()
    {
        await using var server = new ScriptedServer().Script("""
            S: 220 old.example.test SMTP
            C: EHLO client.test
            S: 502 5.5.2 Error: command not recognized
            C: HELO client.test
            S: 250 old.example.test
            C: MAIL FROM:<a@example.test>
            S: 250 Ok
            C: RCPT TO:<b@example.test>
            S: 250 Ok
            C: DATA
            S: 354 go
            """).ExpectDataBlock("x\r\n").Script("S: 250 Ok\n" + Quit);
        await using var client = await Connect(server);

        Assert.False(client.Capabilities.Pipelining);
        Assert.True((await client.SendAsync(Envelope("a@example.test", "b@example.test"), Message("x\r\n"))).Delivered);
    }

    [Theory]
    [InlineData("554 5.7.1 no service for you")]
    [InlineData("421 4.3.2 too busy")]
    public async Task Connect_GreetingRefused_ThrowsWithTheReply(string greeting)
    {
        await using var server = new ScriptedServer().Script("S: " + greeting).ExpectClose();

        var e = await Assert.ThrowsAsync<SmtpCommandException>(() => Connect(server));

        Assert.Equal(int.Parse(greeting[..3], System.Globalization.CultureInfo.InvariantCulture), e.Code);
        Assert.NotNull(e.Status);
    }

    [Fact]
    public async Task Replies_SplitAcrossReadsOneBytePerWrite_AreReadWhole()
    {
        await using var server = new ScriptedServer { OneBytePerWrite = true }.Script(Hello("PIPELINING", "8BITMIME") + """

            C: MAIL FROM:<a@example.test>
            C: RCPT TO:<b@example.test>
            C: DATA
            S: 250 2.1.0 Ok
            S: 250 2.1.5 Ok
            S: 354 go
            """).ExpectDataBlock("x\r\n").Script("S: 250 2.0.0 queued\n" + Quit);
        await using var client = await Connect(server);

        var result = await client.SendAsync(Envelope("a@example.test", "b@example.test"), Message("x\r\n"));

        Assert.Equal("2.0.0 queued", result.FinalReply.Text);
    }

    [Fact]
    public async Task Replies_BunchedIntoOneWrite_AreSplitCorrectly()
    {
        await using var server = new ScriptedServer().Script(Hello("PIPELINING") + """

            C: MAIL FROM:<a@example.test>
            C: RCPT TO:<b@example.test>
            C: RCPT TO:<c@example.test>
            C: DATA
            """).SendRaw(Encoding.ASCII.GetBytes("250 Ok\r\n250 Ok\r\n451-4.3.0 try\r\n451 4.3.0 later\r\n354 go\r\n"))
            .ExpectDataBlock("x\r\n").Script("S: 250 queued\n" + Quit);
        await using var client = await Connect(server);

        var result = await client.SendAsync(Envelope("a@example.test", "b@example.test", "c@example.test"), Message("x\r\n"));

        Assert.Equal([250, 451], result.Recipients.Select(r => r.Reply.Code));
        Assert.Equal(["4.3.0 later"], result.Recipients[1].Reply.MoreLines);
    }

    [Fact]
    public async Task Reply_ThatNeverEnds_IsGivenUpOnWithinTheCompletionTimeout()
    {
        await using var server = new ScriptedServer { ScriptGrace = TimeSpan.FromSeconds(10) }
            .Script("S: 220 mx\nC: EHLO client.test\nS: 250-mx")
            .Do(async s =>
            {
                try
                {
                    for (var i = 0; i < 100; i++)
                    {
                        await s.WriteAsync("250-still going\r\n"u8.ToArray());
                        await Task.Delay(50);
                    }
                }
                catch (IOException) { /* the client gave up */ }
            });
        var options = Options(server.Start()) with { ReplyLimits = new ReplyLimits(1_000, 64 * 1024, TimeSpan.FromSeconds(1)) };
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAsync<TimeoutException>(() => SmtpClient.ConnectAsync(options));

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task Reply_WithTooManyLines_IsAProtocolViolation()
    {
        var flood = new StringBuilder("250-mx\r\n");
        for (var i = 0; i < 1_200; i++)
            flood.Append("250-X").Append(i).Append("\r\n");
        await using var server = new ScriptedServer().Script("S: 220 mx\nC: EHLO client.test").SendRaw(Encoding.ASCII.GetBytes(flood.ToString()));

        await Assert.ThrowsAsync<ProtocolViolationException>(() => Connect(server));
    }

    [Fact]
    public async Task StartTls_DropsInjectedPlaintextAndSaysEhloAgain()
    {
        var certificate = TestCertificates.Localhost;
        // "250-AUTH PLAIN" after the 220 is an injection: a client that kept it would believe it came over TLS.
        await using var server = new ScriptedServer().Script(Hello("STARTTLS") + "\nC: STARTTLS")
            .SendRaw(Encoding.ASCII.GetBytes("220 2.0.0 Ready\r\n250-mx.example.test\r\n250 AUTH PLAIN\r\n"))
            .StartTls(certificate)
            .Script("C: EHLO client.test\nS: 250-mx.example.test\nS: 250 PIPELINING\n" + Quit);
        var options = Options(server.Start()) with
        {
            Connection = Options(server).Connection with { TrustedRootCertificates = new X509Certificate2Collection(X509CertificateLoader.LoadCertificate(certificate.RawData)) },
        };

        await using var client = await SmtpClient.ConnectAsync(options);

        Assert.True(client.IsSecure);
        Assert.True(client.Capabilities.Pipelining);
        Assert.Empty(client.Capabilities.AuthMechanisms);
    }

    [Fact]
    public async Task StartTlsAlways_ServerWithoutStartTls_StopsBeforeSendingAnything()
    {
        await using var server = new ScriptedServer().Script(Hello("PIPELINING", "AUTH PLAIN") + "\n" + Quit);
        var options = Options(server.Start()) with { StartTls = StartTlsPolicy.Always };

        await Assert.ThrowsAsync<TlsUnavailableException>(() => SmtpClient.ConnectAsync(options));
    }

    [Fact]
    public async Task Credentials_WithoutTls_AreNeverSent()
    {
        await using var server = new ScriptedServer().Script(Hello("PIPELINING", "AUTH PLAIN LOGIN") + "\n" + Quit);
        var options = Options(server.Start()) with { UserName = "joe", Password = "secret" };

        await Assert.ThrowsAsync<TlsUnavailableException>(() => SmtpClient.ConnectAsync(options));
        Assert.DoesNotContain("AUTH", server.Received.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartTls_RefusedByServer_IsTlsUnavailable()
    {
        await using var server = new ScriptedServer().Script(Hello("STARTTLS") + "\nC: STARTTLS\nS: 454 4.7.0 TLS not available\n" + Quit);

        var e = await Assert.ThrowsAsync<TlsUnavailableException>(() => Connect(server));

        Assert.Equal(454, e.Reply?.Code);
    }

    [Fact]
    public async Task Verify_And_Noop_And_Reset()
    {
        await using var server = new ScriptedServer().Script(Hello() + """

            C: VRFY postmaster
            S: 252 2.0.0 Cannot VRFY user, but will accept message
            C: NOOP
            S: 250 2.0.0 Ok
            C: RSET
            S: 250 2.0.0 Ok
            """ + "\n" + Quit);
        await using var client = await Connect(server);

        Assert.Equal(252, (await client.VerifyAsync("postmaster")).Code);
        await client.NoopAsync();
        await client.ResetAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => client.VerifyAsync("a\r\nQUIT"));
    }
}
