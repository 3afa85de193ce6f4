using System.Text;
using Inet.Core;
using Inet.Core.Sasl;
using Inet.Smtp;
using Inet.Tests.Fakes;
using Inet.Tests.Nntp;
using Xunit;
using static Inet.Tests.Smtp.SmtpTestHelpers;

namespace Inet.Tests.Smtp;

public sealed class SmtpAuthTests
{
    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static SmtpClientOptions WithLogin(ScriptedServer server, string? mechanism = null, CapturingLogger? logger = null) =>
        Options(server.Start()) with
        {
            UserName = "joe",
            Password = "s3cret",
            AuthMechanism = mechanism,
            AllowCredentialsWithoutTls = true, // the scripted server speaks plain TCP
            Logger = logger,
        };

    [Fact]
    public async Task Plain_SendsTheInitialResponse_AndNeverLogsIt()
    {
        var logger = new CapturingLogger();
        await using var server = new ScriptedServer().Script(Hello("AUTH PLAIN LOGIN") + $"""

            C: AUTH PLAIN {B64("\0joe\0s3cret")}
            S: 235 2.7.0 Authentication successful
            """ + "\n" + Quit);

        await using (var client = await SmtpClient.ConnectAsync(WithLogin(server, logger: logger)))
            Assert.True(client.IsAuthenticated);

        var log = string.Join('\n', logger.Lines);
        Assert.Contains("AUTH PLAIN " + ProtocolLog.Redacted, log, StringComparison.Ordinal);
        Assert.DoesNotContain(B64("\0joe\0s3cret"), log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_AnswersUsernameAndPasswordChallenges()
    {
        await using var server = new ScriptedServer().Script(Hello("AUTH LOGIN") + $"""

            C: AUTH LOGIN
            S: 334 {B64("Username:")}
            C: {B64("joe")}
            S: 334 {B64("Password:")}
            C: {B64("s3cret")}
            S: 235 2.7.0 ok
            """ + "\n" + Quit);

        await using var client = await SmtpClient.ConnectAsync(WithLogin(server));

        Assert.True(client.IsAuthenticated);
    }

    [Fact]
    public async Task Choose_PrefersCramMd5OverPlain()
    {
        const string challenge = "<1896.697170952@postoffice.example.net>";
        var digest = Convert.ToHexStringLower(System.Security.Cryptography.HMACMD5.HashData(Encoding.UTF8.GetBytes("s3cret"), Encoding.UTF8.GetBytes(challenge)));
        await using var server = new ScriptedServer().Script(Hello("AUTH PLAIN LOGIN CRAM-MD5") + $"""

            C: AUTH CRAM-MD5
            S: 334 {B64(challenge)}
            C: {B64("joe " + digest)}
            S: 235 2.7.0 ok
            """ + "\n" + Quit);

        await using var client = await SmtpClient.ConnectAsync(WithLogin(server));

        Assert.True(client.IsAuthenticated);
    }

    [Fact]
    public async Task WrongPassword_IsAuthenticationFailed()
    {
        await using var server = new ScriptedServer().Script(Hello("AUTH PLAIN") + $"""

            C: AUTH PLAIN {B64("\0joe\0s3cret")}
            S: 535 5.7.8 Error: authentication failed
            """ + "\n" + Quit);

        var e = await Assert.ThrowsAsync<AuthenticationFailedException>(() => SmtpClient.ConnectAsync(WithLogin(server)));

        Assert.Equal(535, e.Code);
    }

    [Fact]
    public async Task ChallengeThatIsNotBase64_CancelsTheExchangeWithAStar()
    {
        await using var server = new ScriptedServer().Script(Hello("AUTH LOGIN") + """

            C: AUTH LOGIN
            S: 334 !!not base64!!
            C: *
            S: 501 5.7.0 Authentication aborted
            """ + "\n" + Quit);

        await Assert.ThrowsAsync<SaslException>(() => SmtpClient.ConnectAsync(WithLogin(server)));
    }

    [Fact]
    public async Task NoCommonMechanism_SendsNoCredentials()
    {
        await using var server = new ScriptedServer().Script(Hello("AUTH GSSAPI NTLM") + "\n" + Quit);

        var e = await Assert.ThrowsAsync<SmtpCommandException>(() => SmtpClient.ConnectAsync(WithLogin(server)));

        Assert.Contains("GSSAPI", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AUTH", server.Received.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task XOAuth2_WithAToken_SendsTheBearerToken()
    {
        await using var server = new ScriptedServer().Script(Hello("AUTH PLAIN XOAUTH2") + $"""

            C: AUTH XOAUTH2 {B64("user=joe\u0001auth=Bearer tok123\u0001\u0001")}
            S: 235 2.7.0 ok
            """ + "\n" + Quit);
        var options = Options(server.Start()) with { UserName = "joe", OAuthToken = "tok123", AllowCredentialsWithoutTls = true };

        await using var client = await SmtpClient.ConnectAsync(options);

        Assert.True(client.IsAuthenticated);
    }
}
