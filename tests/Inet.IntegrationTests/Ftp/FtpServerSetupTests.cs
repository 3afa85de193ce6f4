using System.Security.Authentication;
using Inet.Core;
using Inet.Ftp;
using Inet.IntegrationTests.Infrastructure;

namespace Inet.IntegrationTests.Ftp;

/// <summary>
/// The FTP test servers answer on every endpoint as scripts/servers/vsftpd.sh and pureftpd.sh
/// set them up (docs/testing.md): explicit FTPS offered on vsftpd's main port, implicit FTPS with
/// the test CA, the ::1 instance, and pure-ftpd refusing a session that does not start TLS.
/// Control connection only, with what FtpClient has today.
/// </summary>
public sealed class FtpServerSetupTests
{
    private static CancellationTokenSource Timeout() => new(TimeSpan.FromSeconds(30));

    private static FtpClientOptions NoLogin(ConnectionSettings connection) => new() { Connection = connection, LogInOnConnect = false };

    private static FtpClientOptions LogIn(ConnectionSettings connection, string user, string? password) =>
        new() { Connection = connection, UserName = user, Password = password };

    [RequiresFtpServerFact(Endpoint = FtpTestEndpoint.ExplicitTls)]
    public async Task Vsftpd_MainPort_OffersAuthTlsPbszProt_BeforeLogin()
    {
        var s = FtpServerSettings.Require(FtpTestEndpoint.ExplicitTls);
        using var cts = Timeout();
        await using var client = await FtpClient.ConnectAsync(NoLogin(s.Connection()), cts.Token);

        var features = await client.FeatAsync(cts.Token);

        Assert.Equal(220, client.WelcomeReply.Code);
        Assert.True(features.AuthTls);
        Assert.Equal("TLS", features.Parameters("AUTH"));
        Assert.True(features.Has("PBSZ"));
        Assert.True(features.Has("PROT"));
        Assert.False(client.IsAuthenticated);
    }

    [RequiresFtpServerFact(Endpoint = FtpTestEndpoint.ImplicitTls)]
    public async Task Vsftpd_Implicit_WelcomesOverTlsWithTheTestCa_AndLogsInTheUser()
    {
        var s = FtpServerSettings.Require(FtpTestEndpoint.ImplicitTls);
        using var cts = Timeout();
        await using var client = await FtpClient.ConnectAsync(LogIn(s.Connection(FtpTestEndpoint.ImplicitTls), s.User, s.Password), cts.Token);

        Assert.Equal(220, client.WelcomeReply.Code);
        Assert.Contains("vsFTPd", client.Welcome, StringComparison.Ordinal);
        Assert.True(client.IsAuthenticated);
        Assert.Equal(s.Home.TrimEnd('/'), await client.PwdAsync(cts.Token));
    }

    [RequiresFtpServerFact(Endpoint = FtpTestEndpoint.ImplicitTls)]
    public async Task Vsftpd_Implicit_AcceptsAnonymousOverTls()
    {
        var s = FtpServerSettings.Require(FtpTestEndpoint.ImplicitTls);
        using var cts = Timeout();
        await using var client = await FtpClient.ConnectAsync(
            LogIn(s.Connection(FtpTestEndpoint.ImplicitTls), FtpClientOptions.AnonymousUser, null), cts.Token);

        Assert.True(client.IsAuthenticated);
        Assert.Equal("/", await client.PwdAsync(cts.Token));
        await client.TypeAsync(FtpTransferType.Binary, cts.Token);
        Assert.Equal("hello anonymous\n".Length, await client.SizeAsync(FtpServerSettings.AnonymousFile, cts.Token));
    }

    [RequiresFtpServerFact(Endpoint = FtpTestEndpoint.ImplicitTls)]
    public async Task Vsftpd_Implicit_WithoutTheTestCa_FailsTheHandshake()
    {
        var s = FtpServerSettings.Require(FtpTestEndpoint.ImplicitTls);
        using var cts = Timeout();
        var untrusted = s.Connection(FtpTestEndpoint.ImplicitTls) with { TrustedRootCertificates = null };

        await Assert.ThrowsAsync<AuthenticationException>(() => FtpClient.ConnectAsync(NoLogin(untrusted), cts.Token));
    }

    [RequiresFtpServerFact(Endpoint = FtpTestEndpoint.Ipv6)]
    public async Task Vsftpd_Ipv6_LogsInTheUser_AndOffersEpsvAndAuthTls()
    {
        var s = FtpServerSettings.Require(FtpTestEndpoint.Ipv6);
        using var cts = Timeout();
        await using var client = await FtpClient.ConnectAsync(LogIn(s.Connection(FtpTestEndpoint.Ipv6), s.User, s.Password), cts.Token);

        var features = await client.FeatAsync(cts.Token);

        Assert.Equal("::1", s.Ipv6Host);
        Assert.True(client.IsAuthenticated);
        Assert.True(features.Epsv);
        Assert.True(features.AuthTls);
        Assert.Equal(s.Home.TrimEnd('/'), await client.PwdAsync(cts.Token));
    }

    [RequiresPureFtpdServerFact]
    public async Task PureFtpd_RefusesUserBeforeTls_With421AndCloses()
    {
        var s = PureFtpdServerSettings.Require();
        using var cts = Timeout();
        await using var client = await FtpClient.ConnectAsync(NoLogin(s.Connection()), cts.Token);
        Assert.Equal(220, client.WelcomeReply.Code);
        Assert.Contains("Pure-FTPd", client.Welcome, StringComparison.Ordinal);

        var e = await Assert.ThrowsAsync<FtpServiceUnavailableException>(() => client.LoginAsync(s.User, s.Password, cancellationToken: cts.Token));

        Assert.Equal(421, e.Code);
        Assert.False(client.IsAuthenticated);
        Assert.False(client.IsConnected);
    }

    [RequiresPureFtpdServerFact]
    public async Task PureFtpd_OffersAuthTlsMlstAndUtf8_BeforeLogin()
    {
        var s = PureFtpdServerSettings.Require();
        using var cts = Timeout();
        await using var client = await FtpClient.ConnectAsync(NoLogin(s.Connection()), cts.Token);

        var features = await client.FeatAsync(cts.Token);

        Assert.True(features.AuthTls);
        Assert.True(features.Has("PBSZ"));
        Assert.True(features.Has("PROT"));
        Assert.True(features.Mlst);
        Assert.True(features.Mfmt);
        Assert.True(features.Utf8);
        Assert.True(features.Epsv);
    }
}
