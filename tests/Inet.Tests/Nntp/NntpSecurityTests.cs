using System.IO.Compression;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Inet.Core;
using Inet.Nntp;
using Inet.Tests.Fakes;
using static Inet.Tests.Nntp.NntpTestHelpers;

namespace Inet.Tests.Nntp;

public class NntpSecurityTests
{
    private static X509Roots TrustLocalhost => new(new X509Certificate2Collection(TestCertificates.Localhost));

    [Fact]
    public async Task Auth_480ThenUserPass_RetriesCommand_AndPasswordNeverLogged()
    {
        var logger = new CapturingLogger();
        await using var server = Server("""
            C: GROUP secret.group
            S: 480 Authentication required
            C: AUTHINFO USER joe
            S: 381 Password required
            C: AUTHINFO PASS s3cr3t-pw
            S: 281 Authentication accepted
            C: CAPABILITIES
            S: 101 caps
            S: READER
            S: .
            C: GROUP secret.group
            S: 211 1 1 1 secret.group
            """);
        await using var client = await Connect(server, "joe", "s3cr3t-pw", logger);
        Assert.Equal(1, (await client.GroupAsync("secret.group")).Count);
        Assert.True(client.IsAuthenticated);
        await server.Completion;
        Assert.Contains(logger.Lines, l => l.Contains("AUTHINFO PASS ********", StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Lines, l => l.Contains("s3cr3t-pw", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Auth_480WithoutCredentials_ThrowsAuthenticationRequired()
    {
        await using var server = Server("C: GROUP g\nS: 480 Authentication required");
        await using var client = await Connect(server);
        var error = await Assert.ThrowsAsync<NntpAuthenticationRequiredException>(() => client.GroupAsync("g"));
        Assert.Equal(480, error.Code);
        Assert.True(client.MustLogin);
        await server.Completion;
    }

    [Fact]
    public async Task Auth_WrongPassword_Throws481AuthenticationFailed()
    {
        await using var server = Server("""
            C: AUTHINFO USER joe
            S: 381 Password required
            C: AUTHINFO PASS wrong
            S: 481 Authentication failed
            """);
        await using var client = await Connect(server);
        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => client.LoginAsync("joe", "wrong"));
        Assert.Equal(481, error.Code);
        Assert.False(client.IsAuthenticated);
        await server.Completion;
    }

    [Fact]
    public async Task Auth_SaslPlain_SendsInitialResponse_Redacted()
    {
        var logger = new CapturingLogger();
        var payload = Convert.ToBase64String(Encoding.UTF8.GetBytes("\0joe\0pw123"));
        await using var server = new ScriptedServer().Script($"""
            S: 200 ready
            C: CAPABILITIES
            S: 101 caps
            S: READER
            S: AUTHINFO SASL
            S: SASL PLAIN
            S: .
            C: AUTHINFO SASL PLAIN {payload}
            S: 281 Authentication accepted
            C: CAPABILITIES
            S: 101 caps
            S: READER
            S: .
            """);
        await using var client = await Connect(server, logger: logger);
        await client.LoginAsync("joe", "pw123");
        await server.Completion;
        Assert.DoesNotContain(logger.Lines, l => l.Contains(payload, StringComparison.Ordinal));
        Assert.Contains(logger.Lines, l => l.Contains("AUTHINFO SASL PLAIN ********", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Login_PasswordWithNewline_RejectedBeforeSending()
    {
        await using var server = Server("C: DATE\nS: 111 20240101120000");
        await using var client = await Connect(server);
        await Assert.ThrowsAsync<ArgumentException>(() => client.LoginAsync("joe", "pw\r\nQUIT"));
        Assert.False(client.IsAuthenticated);
        Assert.Equal(2024, (await client.DateAsync()).Year); // the next line on the wire is DATE, not AUTHINFO
        await server.Completion;
        Assert.Equal("CAPABILITIES\nDATE\n", server.Received.ToString());
    }

    [Fact]
    public async Task StartTls_UpgradesAndRefreshesCapabilities()
    {
        await using var server = new ScriptedServer().Script("""
            S: 200 ready
            C: CAPABILITIES
            S: 101 caps
            S: READER
            S: STARTTLS
            S: .
            C: STARTTLS
            S: 382 Continue with TLS negotiation
            """).StartTls(TestCertificates.Localhost).Script("""
            C: CAPABILITIES
            S: 101 caps
            S: READER
            S: AUTHINFO USER
            S: .
            C: DATE
            S: 111 20200101000000
            """);
        await using var client = await Connect(server, roots: TrustLocalhost);
        await client.StartTlsAsync();
        Assert.True(client.IsSecure);
        Assert.False(client.Capabilities.HasStartTls);
        Assert.True(client.Capabilities.HasAuthInfoUser);
        await client.DateAsync();
        await server.Completion;
    }

    [Fact]
    public async Task StartTls_PlaintextInjectedBeforeHandshake_IsDiscarded()
    {
        // The attacker appends a fake capability list right after 382, in plaintext.
        await using var server = new ScriptedServer().Script("""
            S: 200 ready
            C: CAPABILITIES
            S: 101 caps
            S: STARTTLS
            S: .
            C: STARTTLS
            """).SendRaw("382 go ahead\r\n101 injected\r\nAUTHINFO USER\r\n.\r\n"u8.ToArray())
            .StartTls(TestCertificates.Localhost).Script("""
            C: CAPABILITIES
            S: 101 caps
            S: READER
            S: .
            """);
        await using var client = await Connect(server, roots: TrustLocalhost);
        await client.StartTlsAsync();
        Assert.False(client.Capabilities.HasAuthInfoUser);
        Assert.True(client.Capabilities.IsReader);
        await server.Completion;
    }

    [Fact]
    public async Task StartTls_CertificateForOtherHost_FailsValidation()
    {
        using var other = TestCertificates.Create("other.example");
        await using var server = Server("C: STARTTLS\nS: 382 go").StartTlsRefusedByClient(other);
        await using var client = await Connect(server, roots: new X509Roots(new X509Certificate2Collection(other)));
        await Assert.ThrowsAsync<AuthenticationException>(() => client.StartTlsAsync());
        Assert.False(client.IsConnected);
        await server.Completion;
    }

    [Fact]
    public async Task StartTls_UntrustedSelfSigned_FailsByDefault()
    {
        await using var server = Server("C: STARTTLS\nS: 382 go").StartTlsRefusedByClient(TestCertificates.Localhost);
        await using var client = await Connect(server);
        await Assert.ThrowsAsync<AuthenticationException>(() => client.StartTlsAsync());
        Assert.False(client.IsConnected);
        await server.Completion;
    }

    [Fact]
    public async Task StartTls_Refused580_Throws()
    {
        await using var server = Server("C: STARTTLS\nS: 580 Can not initiate TLS negotiation\nC: DATE\nS: 111 20240101120000");
        await using var client = await Connect(server);
        var error = await Assert.ThrowsAsync<ProtocolException>(() => client.StartTlsAsync());
        Assert.Equal(580, error.Code);
        Assert.False(client.IsSecure);
        Assert.Equal(2024, (await client.DateAsync()).Year); // still in step, in plaintext
        await server.Completion;
    }

    [Fact]
    public async Task Compress_Deflate_BothDirectionsCompressed()
    {
        await using var server = Server("C: COMPRESS DEFLATE\nS: 206 Compression active")
            .StartCompression().Script("C: DATE\nS: 111 20210102030405");
        await using var client = await Connect(server);
        await client.CompressAsync();
        Assert.True(client.IsCompressed);
        Assert.Equal(2021, (await client.DateAsync()).Year);
        await server.Completion;
    }

    [Fact]
    public async Task Compress_InflationBomb_ThrowsViolation()
    {
        await using var server = Server("C: COMPRESS DEFLATE\nS: 206 Compression active")
            .StartCompression().Expect("HELP").Do(async stream =>
            {
                // 100 MB of zeros inside one line-free body: compresses about 1000:1.
                try
                {
                    await stream.WriteAsync("100 help\r\n"u8.ToArray());
                    var zeros = new byte[1 << 20];
                    for (var i = 0; i < 100; i++)
                        await stream.WriteAsync(zeros);
                    await stream.FlushAsync();
                }
                catch (IOException)
                {
                    // The client hung up mid-bomb, as it should.
                }
            });
        await using var client = await Connect(server);
        await client.CompressAsync();
        await Assert.ThrowsAsync<ProtocolViolationException>(() => client.HelpAsync());
        Assert.False(client.IsConnected);
        await server.Completion;
    }
}
