using System.Security.Cryptography;
using System.Text;
using Inet.Core;
using Inet.Pop3;
using Inet.Tests.Fakes;
using Inet.Tests.Nntp;
using Xunit;
using static Inet.Tests.Pop3.Pop3TestHelpers;

namespace Inet.Tests.Pop3;

public sealed class Pop3AuthTests
{
    [Fact]
    public async Task AuthPlain_SendsTheInitialResponse_AsksCapaAgain_AndNeverLogsIt()
    {
        var logger = new CapturingLogger();
        await using var server = new ScriptedServer().Script(Hello("SASL PLAIN LOGIN", "USER") + $"""

            C: AUTH PLAIN {B64("\0joe\0s3cret")}
            S: +OK Logged in.
            """ + "\n" + Capa("TOP", "UIDL", "PIPELINING") + "\n" + Quit);

        await using (var client = await Pop3Client.ConnectAsync(WithLogin(server) with { Logger = logger }))
        {
            Assert.True(client.IsAuthenticated);
            Assert.True(client.Capabilities.Pipelining);
        }

        var log = string.Join('\n', logger.Lines);
        Assert.Contains("AUTH PLAIN " + ProtocolLog.Redacted, log, StringComparison.Ordinal);
        Assert.DoesNotContain(B64("\0joe\0s3cret"), log, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthLogin_AnswersEachContinuation()
    {
        await using var server = new ScriptedServer().Script(Hello("SASL LOGIN") + $"""

            C: AUTH LOGIN
            S: + {B64("Username:")}
            C: {B64("joe")}
            S: + {B64("Password:")}
            C: {B64("s3cret")}
            S: +OK Logged in.
            """ + "\n" + Capa() + "\n" + Quit);

        await using var client = await Pop3Client.ConnectAsync(WithLogin(server));

        Assert.True(client.IsAuthenticated);
    }

    [Fact]
    public async Task AuthCramMd5_IsPreferredOverPlain()
    {
        const string challenge = "<1896.697170952@postoffice.example.net>";
        var digest = Convert.ToHexStringLower(HMACMD5.HashData(Encoding.UTF8.GetBytes("s3cret"), Encoding.UTF8.GetBytes(challenge)));
        await using var server = new ScriptedServer().Script(Hello("SASL PLAIN LOGIN CRAM-MD5") + $"""

            C: AUTH CRAM-MD5
            S: + {B64(challenge)}
            C: {B64("joe " + digest)}
            S: +OK Logged in.
            """ + "\n" + Capa() + "\n" + Quit);

        await using var client = await Pop3Client.ConnectAsync(WithLogin(server));

        Assert.True(client.IsAuthenticated);
    }

    [Fact]
    public async Task Auth_ChallengeNotBase64_IsCancelledWithStar()
    {
        await using var server = new ScriptedServer().Script(Hello("SASL CRAM-MD5") + """

            C: AUTH CRAM-MD5
            S: + not base64!
            C: *
            S: -ERR Authentication cancelled
            """ + "\n" + Quit);

        await Assert.ThrowsAsync<Inet.Core.Sasl.SaslException>(() => Pop3Client.ConnectAsync(WithLogin(server)));
    }

    [Fact]
    public async Task Apop_WhenTheGreetingHasATimestamp_AndNoSasl()
    {
        // RFC 1939 7: the digest of "<1896.697170952@dbc.mtview.ca.us>tanstaaf".
        Assert.Equal("c4c9334bac560ecc979e58001b3e22fb", Pop3Client.ApopDigest("<1896.697170952@dbc.mtview.ca.us>", "tanstaaf"));
        var logger = new CapturingLogger();
        await using var server = new ScriptedServer().Script(HelloWith(ApopGreeting, "USER") + """

            C: APOP mrose c4c9334bac560ecc979e58001b3e22fb
            S: +OK maildrop has 1 message (369 octets)
            """ + "\n" + Capa() + "\n" + Quit);
        var options = Options(server.Start()) with { UserName = "mrose", Password = "tanstaaf", AllowCredentialsWithoutTls = true, Logger = logger };

        await using var client = await Pop3Client.ConnectAsync(options);

        Assert.True(client.IsAuthenticated);
        Assert.DoesNotContain("c4c9334bac560ecc979e58001b3e22fb", string.Join('\n', logger.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apop_TurnedOff_UsesUserPass()
    {
        await using var server = new ScriptedServer().Script(HelloWith(ApopGreeting, "USER") + """

            C: USER joe
            S: +OK
            C: PASS s3cret
            S: +OK Logged in.
            """ + "\n" + Capa() + "\n" + Quit);

        await using var client = await Pop3Client.ConnectAsync(WithLogin(server) with { AllowApop = false });

        Assert.True(client.IsAuthenticated);
    }

    [Fact]
    public async Task UserPass_WhenNoSaslIsOffered_AndThePasswordNeverReachesTheLog()
    {
        var logger = new CapturingLogger();
        await using var server = new ScriptedServer().Script(Hello("USER", "TOP") + """

            C: USER joe
            S: +OK
            C: PASS s3cret
            S: +OK Logged in.
            """ + "\n" + Capa("TOP") + "\n" + Quit);

        await using (var client = await Pop3Client.ConnectAsync(WithLogin(server) with { Logger = logger }))
            Assert.True(client.IsAuthenticated);

        var log = string.Join('\n', logger.Lines);
        Assert.Contains("PASS " + ProtocolLog.Redacted, log, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserPass_ErrAuth_IsAuthenticationFailed_WithTheResponseCode()
    {
        await using var server = new ScriptedServer().Script(Hello("USER") + """

            C: USER joe
            S: +OK
            C: PASS s3cret
            S: -ERR [AUTH] Authentication failed.
            """ + "\n" + Quit);

        var e = await Assert.ThrowsAsync<Pop3AuthenticationException>(() => Pop3Client.ConnectAsync(WithLogin(server)));

        Assert.IsAssignableFrom<AuthenticationFailedException>(e);
        Assert.Equal("AUTH", e.ResponseCode);
        Assert.False(e.IsTransient);
    }

    [Theory]
    [InlineData("-ERR [IN-USE] Mailbox locked", "IN-USE")]
    [InlineData("-ERR [SYS/TEMP] try later", "SYS/TEMP")]
    public async Task Auth_TransientRefusals_AreTransient(string refusal, string code)
    {
        await using var server = new ScriptedServer().Script(Hello("SASL PLAIN") + $"\nC: AUTH PLAIN {B64("\0joe\0s3cret")}\nS: {refusal}\n" + Quit);

        var e = await Assert.ThrowsAsync<Pop3AuthenticationException>(() => Pop3Client.ConnectAsync(WithLogin(server)));

        Assert.Equal(code, e.ResponseCode);
        Assert.True(e.IsTransient);
    }

    [Fact]
    public async Task Credentials_WithoutTls_AreNeverSent()
    {
        await using var server = new ScriptedServer().Script(HelloWith(ApopGreeting, "USER", "SASL PLAIN") + "\n" + Quit);
        var options = Options(server.Start()) with { UserName = "joe", Password = "s3cret" };

        await Assert.ThrowsAsync<TlsUnavailableException>(() => Pop3Client.ConnectAsync(options));

        Assert.Equal("CAPA\nQUIT\n", server.Received.ToString());
    }

    [Fact]
    public async Task UserName_WithCrLf_IsRefusedBeforeConnecting()
    {
        await using var server = new ScriptedServer();
        var options = Options(server) with { UserName = "joe\r\nDELE 1", Password = "x" };

        await Assert.ThrowsAsync<ArgumentException>(() => Pop3Client.ConnectAsync(options));
    }
}
