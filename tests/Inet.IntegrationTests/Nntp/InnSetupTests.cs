using System.Security.Authentication;
using Inet.IntegrationTests.Infrastructure;

namespace Inet.IntegrationTests.Nntp;

/// <summary>
/// Checks, with a raw socket, that the INN set-up from scripts/servers/inn2.sh is what the
/// NNTP integration tests rely on. A failure here points at the environment, not at Inet.
/// </summary>
[Collection(NntpServerCollection.Name)]
public sealed class InnSetupTests(NntpServerFixture server)
{
    private static CancellationTokenSource Timeout() => new(TimeSpan.FromSeconds(20));

    [RequiresNntpServerFact]
    public async Task Connect_ServerSendsWelcome200()
    {
        using var cts = Timeout();
        await using var client = await ConnectAsync(cts.Token);

        var welcome = await client.ReadLineAsync(cts.Token);

        Assert.StartsWith("200 ", welcome, StringComparison.Ordinal);
    }

    [RequiresNntpServerFact]
    public async Task ModeReader_ThenGroupInetTest_Returns211()
    {
        using var cts = Timeout();
        await using var client = await ConnectReaderAsync(cts.Token);

        var group = await client.CommandAsync("GROUP " + NntpServerSettings.TestGroup, cts.Token);

        Assert.StartsWith("211 ", group, StringComparison.Ordinal);
        Assert.EndsWith(" " + NntpServerSettings.TestGroup, group, StringComparison.Ordinal);
    }

    [RequiresNntpServerFact]
    public async Task StartTls_Returns382_AndCertificateValidatesAgainstCaFile()
    {
        using var cts = Timeout();
        await using var client = await ConnectReaderAsync(cts.Token);

        var reply = await client.CommandAsync("STARTTLS", cts.Token);
        Assert.StartsWith("382 ", reply, StringComparison.Ordinal);
        await client.UpgradeToTlsAsync(server.CreateTlsOptions(), cts.Token);

        Assert.True(client.Tls!.IsAuthenticated);
        Assert.StartsWith("211 ", await client.CommandAsync("GROUP " + NntpServerSettings.TestGroup, cts.Token), StringComparison.Ordinal);
    }

    [RequiresNntpServerFact]
    public async Task StartTls_WithoutTrustingCaFile_FailsValidation()
    {
        using var cts = Timeout();
        await using var client = await ConnectReaderAsync(cts.Token);
        Assert.StartsWith("382 ", await client.CommandAsync("STARTTLS", cts.Token), StringComparison.Ordinal);

        // The test certificate is self-signed: the system trust store alone must reject it,
        // which shows the positive test above really depends on INET_TEST_CA_FILE.
        var options = new System.Net.Security.SslClientAuthenticationOptions { TargetHost = server.Settings.Host };
        await Assert.ThrowsAsync<AuthenticationException>(() => client.UpgradeToTlsAsync(options, cts.Token));
    }

    [RequiresNntpServerFact]
    public async Task AuthInfo_WrongPassword481_RightPassword281_UnlocksRestrictedGroup()
    {
        using var cts = Timeout();
        var settings = server.Settings;
        await using (var wrong = await ConnectReaderAsync(cts.Token))
        {
            Assert.StartsWith("381 ", await wrong.CommandAsync("AUTHINFO USER " + settings.User, cts.Token), StringComparison.Ordinal);
            Assert.StartsWith("481 ", await wrong.CommandAsync("AUTHINFO PASS wrong-" + settings.Password, cts.Token), StringComparison.Ordinal);
        }

        await using var client = await ConnectReaderAsync(cts.Token);
        Assert.StartsWith("480 ", await client.CommandAsync("GROUP " + NntpServerSettings.RestrictedGroup, cts.Token), StringComparison.Ordinal);
        Assert.StartsWith("381 ", await client.CommandAsync("AUTHINFO USER " + settings.User, cts.Token), StringComparison.Ordinal);
        Assert.StartsWith("281 ", await client.CommandAsync("AUTHINFO PASS " + settings.Password, cts.Token), StringComparison.Ordinal);
        Assert.StartsWith("211 ", await client.CommandAsync("GROUP " + NntpServerSettings.RestrictedGroup, cts.Token), StringComparison.Ordinal);
    }

    [RequiresNntpServerFact(NeedsTlsPort = true)]
    public async Task ImplicitTlsPort_HandshakeValidates_ThenWelcome200()
    {
        using var cts = Timeout();
        await using var client = await RawLineClient.ConnectAsync(server.Settings.Host, server.TlsPort, cts.Token);

        await client.UpgradeToTlsAsync(server.CreateTlsOptions(), cts.Token);

        Assert.StartsWith("200 ", await client.ReadLineAsync(cts.Token), StringComparison.Ordinal);
    }

    private Task<RawLineClient> ConnectAsync(CancellationToken cancellationToken) =>
        RawLineClient.ConnectAsync(server.Settings.Host, server.Settings.Port, cancellationToken);

    /// <summary>Connects, reads the welcome and sends MODE READER (innd starts in transit mode for loopback peers).</summary>
    private async Task<RawLineClient> ConnectReaderAsync(CancellationToken cancellationToken)
    {
        var client = await ConnectAsync(cancellationToken);
        try
        {
            Assert.StartsWith("20", await client.ReadLineAsync(cancellationToken), StringComparison.Ordinal);
            var mode = await client.CommandAsync("MODE READER", cancellationToken);
            Assert.True(mode.StartsWith("200 ", StringComparison.Ordinal) || mode.StartsWith("201 ", StringComparison.Ordinal), mode);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }
}
