using Inet.Core;
using Inet.IntegrationTests.Infrastructure;
using Inet.Smtp;
using Xunit;
using static Inet.IntegrationTests.Smtp.SmtpServerTestData;

namespace Inet.IntegrationTests.Smtp;

/// <summary>SmtpClient against aiosmtpd: STARTTLS, implicit TLS, AUTH, SIZE, SMTPUTF8, scripted refusals, exact bytes stored.</summary>
public sealed class SmtpAiosmtpdTests
{
    private static AiosmtpdServerSettings S => AiosmtpdServerSettings.FromEnvironment()!;

    [RequiresAiosmtpdServerTheory]
    [InlineData(false, null)]
    [InlineData(false, "PLAIN")]
    [InlineData(false, "LOGIN")]
    [InlineData(true, null)]
    public async Task Send_OverTlsWithAuth_StoresTheExactBytes(bool implicitTls, string? mechanism)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var token = Token();
        var message = TrickyMessage(token);
        await using var client = await SmtpClient.ConnectAsync(Aiosmtpd(S, implicitTls) with { AuthMechanism = mechanism }, cts.Token);
        Assert.True(client.IsSecure);
        Assert.True(client.IsAuthenticated);

        var result = await client.SendAsync(Envelope("a@example.test", "b@example.test"), SmtpMessage.FromStream(new MemoryStream(message)), cts.Token);

        Assert.True(result.Delivered, result.FinalReply.ToString());
        var stored = await WaitForMessageAsync(S.OutDir, token, cts.Token, recursive: false);
        Assert.Equal(Normalized(message), AfterXHeaders(stored));
        var head = System.Text.Encoding.UTF8.GetString(stored.AsSpan(0, stored.Length - AfterXHeaders(stored).Length));
        Assert.Contains("BODY=8BITMIME", head, StringComparison.Ordinal);
        Assert.Contains("SIZE=" + Normalized(message).Length, head, StringComparison.Ordinal);
        Assert.Contains("X-Auth: " + S.User, head, StringComparison.Ordinal);
        Assert.Contains(implicitTls ? "X-Tls: implicit" : "X-Tls: starttls", head, StringComparison.Ordinal);
    }

    [RequiresAiosmtpdServerFact]
    public async Task Login_WrongPassword_IsAuthenticationFailed()
    {
        var e = await Assert.ThrowsAsync<AuthenticationFailedException>(() =>
            SmtpClient.ConnectAsync(Aiosmtpd(S) with { Password = "wrong" }));

        Assert.Equal(535, e.Code);
    }

    [RequiresAiosmtpdServerFact]
    public async Task StartTlsNever_WithCredentials_StopsBeforeAuth()
    {
        // Plain session: the server offers no AUTH before STARTTLS, and the client never sends the password.
        await Assert.ThrowsAnyAsync<Exception>(() =>
            SmtpClient.ConnectAsync(Aiosmtpd(S) with { StartTls = StartTlsPolicy.Never }));
    }

    [RequiresAiosmtpdServerFact]
    public async Task Send_RefusedAndDeferredRecipients_AreReportedOneByOne_OthersDelivered()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var token = Token();
        await using var client = await SmtpClient.ConnectAsync(Aiosmtpd(S), cts.Token);

        var result = await client.SendAsync(Envelope("a@example.test", "reject-1@example.test", "ok@example.test", "defer-1@example.test"),
            SmtpMessage.FromStream(new MemoryStream(TrickyMessage(token))), cts.Token);

        Assert.Equal([550, 250, 452], result.Recipients.Select(r => r.Reply.Code));
        Assert.Equal(new SmtpStatus(5, 1, 1), result.Recipients[0].Status);
        var stored = System.Text.Encoding.UTF8.GetString(await WaitForMessageAsync(S.OutDir, token, cts.Token, recursive: false));
        Assert.Contains("X-Rcpt-To: <ok@example.test>", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("reject-1", stored, StringComparison.Ordinal);
    }

    [RequiresAiosmtpdServerFact]
    public async Task Send_RefusedAfterData_EveryRecipientGetsTheRefusal_AndTheSessionGoesOn()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var client = await SmtpClient.ConnectAsync(Aiosmtpd(S), cts.Token);

        var refused = await client.SendAsync(Envelope(AiosmtpdServerSettings.BounceDataSender + "@example.test", "b@example.test", "c@example.test"),
            SmtpMessage.FromStream(new MemoryStream(TrickyMessage(Token()))), cts.Token);
        var token = Token();
        var next = await client.SendAsync(Envelope("a@example.test", "b@example.test"), SmtpMessage.FromStream(new MemoryStream(TrickyMessage(token))), cts.Token);

        Assert.All(refused.Recipients, r => Assert.Equal(554, r.Reply.Code));
        Assert.True(next.Delivered);
        await WaitForMessageAsync(S.OutDir, token, cts.Token, recursive: false);
    }

    [RequiresAiosmtpdServerFact]
    public async Task Send_OverTheServersSize_IsRefusedByTheClient_NothingSent()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var token = Token();
        var big = new MemoryStream();
        big.Write(TrickyMessage(token));
        big.Write(new byte[AiosmtpdServerSettings.SizeLimit]);
        big.Position = 0;
        await using var client = await SmtpClient.ConnectAsync(Aiosmtpd(S), cts.Token);

        var e = await Assert.ThrowsAsync<SmtpMessageTooLargeException>(() => client.SendAsync(Envelope("a@example.test", "b@example.test"), SmtpMessage.FromStream(big), cts.Token));

        Assert.Equal(AiosmtpdServerSettings.SizeLimit, e.Limit);
        await client.NoopAsync(cts.Token); // still in step
        Assert.Equal(0, CountMessages(S.OutDir, token));
    }

    [RequiresAiosmtpdServerFact]
    public async Task Send_NonAsciiAddresses_DeclareSmtpUtf8()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var token = Token();
        await using var client = await SmtpClient.ConnectAsync(Aiosmtpd(S), cts.Token);

        var result = await client.SendAsync(Envelope("j\u00f6rg@example.test", "\u00e9l\u00e8ve@example.test"),
            SmtpMessage.FromStream(new MemoryStream(TrickyMessage(token))), cts.Token);

        Assert.True(result.Delivered, result.FinalReply.ToString());
        var stored = System.Text.Encoding.UTF8.GetString(await WaitForMessageAsync(S.OutDir, token, cts.Token, recursive: false));
        Assert.Contains("X-Smtputf8: yes", stored, StringComparison.Ordinal);
        Assert.Contains("X-Rcpt-To: <\u00e9l\u00e8ve@example.test>", stored, StringComparison.Ordinal);
    }
}
