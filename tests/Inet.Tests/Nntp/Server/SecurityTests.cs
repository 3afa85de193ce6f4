using Microsoft.Extensions.Logging;

namespace Inet.Tests.Nntp.EmbeddedServer;

public sealed class SecurityTests
{
    private static void WithAuth(Inet.Nntp.Server.NntpServerOptions o)
    {
        o.UserName = "alice";
        o.Password = "s3cret pass";
    }

    [Fact]
    public async Task Auth_Required_ReadingGets480_CapabilitiesOfferAuthinfo()
    {
        await using var server = await TestServers.StartAsync(WithAuth);
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("480 ", await client.CommandAsync("GROUP misc.test"));
        Assert.StartsWith("480 ", await client.CommandAsync("ARTICLE <a1@test>"));
        Assert.StartsWith("480 ", await client.CommandAsync("POST"));
        var (_, caps) = await client.MultiAsync("CAPABILITIES");
        Assert.Contains("AUTHINFO USER", caps);
        Assert.DoesNotContain("READER", caps);
    }

    [Fact]
    public async Task Auth_WrongPassword_481ThenGoodPassword_281()
    {
        await using var server = await TestServers.StartAsync(WithAuth);
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("381 ", await client.CommandAsync("AUTHINFO USER alice"));
        Assert.StartsWith("481 ", await client.CommandAsync("AUTHINFO PASS wrong"));
        Assert.StartsWith("480 ", await client.CommandAsync("GROUP misc.test"));
        Assert.StartsWith("381 ", await client.CommandAsync("AUTHINFO USER bob"));
        Assert.StartsWith("481 ", await client.CommandAsync("AUTHINFO PASS s3cret pass"));
        Assert.StartsWith("381 ", await client.CommandAsync("AUTHINFO USER alice"));
        Assert.StartsWith("281 ", await client.CommandAsync("AUTHINFO PASS s3cret pass"));
        Assert.Equal("211 3 1 3 misc.test", await client.CommandAsync("GROUP misc.test"));
        Assert.StartsWith("502 ", await client.CommandAsync("AUTHINFO USER alice"));
        var (_, caps) = await client.MultiAsync("CAPABILITIES");
        Assert.Contains("READER", caps);
        Assert.DoesNotContain("AUTHINFO USER", caps);
    }

    [Fact]
    public async Task Auth_Sequence_And_Syntax_Errors()
    {
        await using var server = await TestServers.StartAsync(WithAuth);
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("482 ", await client.CommandAsync("AUTHINFO PASS x"));
        Assert.StartsWith("501 ", await client.CommandAsync("AUTHINFO"));
        Assert.StartsWith("501 ", await client.CommandAsync("AUTHINFO USER"));
        Assert.StartsWith("503 ", await client.CommandAsync("AUTHINFO SASL PLAIN"));
    }

    [Fact]
    public async Task Auth_NotConfigured_502()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("502 ", await client.CommandAsync("AUTHINFO USER alice"));
    }

    [Fact]
    public async Task Auth_PasswordNeverReachesTheLog()
    {
        var sink = new ListLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(sink));
        await using var server = await TestServers.StartAsync(o =>
        {
            WithAuth(o);
            o.Logger = factory.CreateLogger("nntp");
        });
        await using (var client = await RawNntpClient.ConnectAsync(server.EndPoint))
        {
            await client.CommandAsync("AUTHINFO USER alice");
            Assert.StartsWith("481 ", await client.CommandAsync("authinfo \t pass  s3cret-typo"));
            await client.CommandAsync("AUTHINFO USER alice");
            Assert.StartsWith("281 ", await client.CommandAsync("AUTHINFO PASS s3cret pass"));
        }
        Assert.Contains(sink.Messages, m => m.Contains("AUTHINFO PASS ********", StringComparison.Ordinal));
        Assert.DoesNotContain(sink.Messages, m => m.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartTls_382ThenHandshake_CapabilitiesNoLongerOfferStartTls()
    {
        await using var server = await TestServers.StartAsync(o => o.EnableStartTls = true);
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        var (_, before) = await client.MultiAsync("CAPABILITIES");
        Assert.Contains("STARTTLS", before);
        await client.CommandAsync("GROUP misc.test");
        Assert.StartsWith("382 ", await client.CommandAsync("STARTTLS"));
        await client.UpgradeToTlsAsync(server.Certificate!);
        var (status, after) = await client.MultiAsync("CAPABILITIES");
        Assert.StartsWith("101 ", status);
        Assert.DoesNotContain("STARTTLS", after);
        Assert.StartsWith("412 ", await client.CommandAsync("STAT"));
        Assert.StartsWith("502 ", await client.CommandAsync("STARTTLS"));
        Assert.StartsWith("222 0 <a1@test>", await client.CommandAsync("BODY <a1@test>"));
        Assert.Equal(4, (await client.ReadBlockAsync()).Count);
    }

    [Fact]
    public async Task StartTls_CommandsPipelinedBeforeHandshakeAreDropped()
    {
        await using var server = await TestServers.StartAsync(o => o.EnableStartTls = true);
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        await client.SendRawAsync("STARTTLS\r\nDATE\r\n"u8.ToArray());
        Assert.StartsWith("382 ", await client.ReadLineAsync());
        await client.UpgradeToTlsAsync(server.Certificate!);
        // The injected DATE must not be answered: the first reply after TLS is for HELP.
        Assert.StartsWith("100 ", await client.CommandAsync("HELP"));
    }

    [Fact]
    public async Task StartTls_NotEnabled_502_WithArgument_501()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("502 ", await client.CommandAsync("STARTTLS"));
        Assert.StartsWith("501 ", await client.CommandAsync("STARTTLS now"));
    }

    [Fact]
    public async Task StartTls_ThenAuth_Works()
    {
        await using var server = await TestServers.StartAsync(o =>
        {
            WithAuth(o);
            o.EnableStartTls = true;
        });
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("382 ", await client.CommandAsync("STARTTLS"));
        await client.UpgradeToTlsAsync(server.Certificate!);
        await client.CommandAsync("AUTHINFO USER alice");
        Assert.StartsWith("281 ", await client.CommandAsync("AUTHINFO PASS s3cret pass"));
        Assert.StartsWith("211 ", await client.CommandAsync("GROUP misc.test"));
    }

    [Fact]
    public async Task GeneratedCertificate_CoversLocalhostAndLoopbackAddresses()
    {
        using var certificate = Inet.Nntp.Server.SelfSignedCertificate.CreateForLocalhost();
        Assert.True(certificate.HasPrivateKey);
        string names = string.Join(",", certificate.Extensions.OfType<System.Security.Cryptography.X509Certificates.X509SubjectAlternativeNameExtension>()
            .SelectMany(e => e.EnumerateDnsNames().Concat(e.EnumerateIPAddresses().Select(a => a.ToString()))));
        Assert.Contains("localhost", names, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", names, StringComparison.Ordinal);
        Assert.Contains("::1", names, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImplicitTls_HandshakeFirstThenGreeting()
    {
        await using var server = await TestServers.StartAsync(o => o.ImplicitTls = true);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(server.EndPoint);
        await using var ssl = new System.Net.Security.SslStream(tcp.GetStream(), false, (_, c, _, _) => c!.GetCertHashString() == server.Certificate!.GetCertHashString());
        await ssl.AuthenticateAsClientAsync("localhost");
        using var reader = new StreamReader(ssl, System.Text.Encoding.ASCII);
        Assert.StartsWith("200 ", await reader.ReadLineAsync());
        await ssl.WriteAsync("DATE\r\n"u8.ToArray());
        Assert.StartsWith("111 ", await reader.ReadLineAsync());
    }

    [Fact]
    public async Task AuthRequiresTls_483BeforeStartTls_AcceptedAfter()
    {
        await using var server = await TestServers.StartAsync(o =>
        {
            WithAuth(o);
            o.EnableStartTls = true;
            o.AuthenticationRequiresTls = true;
        });
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        var (_, caps) = await client.MultiAsync("CAPABILITIES");
        Assert.Contains("AUTHINFO", caps);
        Assert.DoesNotContain("AUTHINFO USER", caps);
        Assert.StartsWith("483 ", await client.CommandAsync("AUTHINFO USER alice"));
        Assert.StartsWith("382 ", await client.CommandAsync("STARTTLS"));
        await client.UpgradeToTlsAsync(server.Certificate!);
        (_, caps) = await client.MultiAsync("CAPABILITIES");
        Assert.Contains("AUTHINFO USER", caps);
        Assert.StartsWith("381 ", await client.CommandAsync("AUTHINFO USER alice"));
        Assert.StartsWith("281 ", await client.CommandAsync("AUTHINFO PASS s3cret pass"));
    }

    [Fact]
    public async Task StartTls_GarbageInsteadOfHandshake_ClosesOnlyThatClient()
    {
        await using var server = await TestServers.StartAsync(o => o.EnableStartTls = true);
        await using (var client = await RawNntpClient.ConnectAsync(server.EndPoint))
        {
            Assert.StartsWith("382 ", await client.CommandAsync("STARTTLS"));
            await client.SendRawAsync(new byte[600]);
            await client.SendAsync("DATE");
            Assert.DoesNotContain("111 ", System.Text.Encoding.Latin1.GetString(await client.ReadToEndAsync()), StringComparison.Ordinal);
        }
        await using var next = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("111 ", await next.CommandAsync("DATE"));
    }
}
