using Inet.IntegrationTests.Infrastructure;
using Inet.Smtp;
using Xunit;
using static Inet.IntegrationTests.Smtp.SmtpServerTestData;

namespace Inet.IntegrationTests.Smtp;

/// <summary>LMTP into Dovecot: BDAT (CHUNKING) and DATA, per-recipient replies, STARTTLS, then the mailbox read back.</summary>
public sealed class SmtpDovecotLmtpTests
{
    private static DovecotServerSettings S => DovecotServerSettings.FromEnvironment()!;

    [RequiresDovecotServerTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Lmtp_DeliversToEachUser_RefusesTheUnknown_AndStoresTheExactBytes(bool chunking)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var token = Token();
        var message = TrickyMessage(token);
        var options = new SmtpClientOptions { Connection = S.Connection(S.LmtpPort), Mode = SmtpMode.Lmtp, UseChunking = chunking };
        await using var client = await SmtpClient.ConnectAsync(options, cts.Token);
        Assert.True(client.IsSecure); // STARTTLS offered and taken (auto)
        Assert.True(client.Capabilities.Chunking);

        var result = await client.SendAsync(Envelope("a@example.test", S.User + "@example.test", "nobody-" + token + "@example.test", S.User2 + "@example.test"),
            SmtpMessage.FromStream(new MemoryStream(message)), cts.Token);

        Assert.Equal([250, 550, 250], result.Recipients.Select(r => r.Reply.Code));
        foreach (var user in new[] { S.User, S.User2 })
        {
            var stored = await WaitForMessageAsync(S.Maildir(user), token, cts.Token);
            Assert.True(stored.AsSpan().EndsWith(AsStoredByDovecot(message)), $"{user}'s copy does not end with the message as sent");
        }
    }

    [RequiresDovecotServerFact]
    public async Task Lmtp_LargeMessageInSeveralChunks_ArrivesWhole()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var token = Token();
        var body = new System.Text.StringBuilder($"Subject: {token}\r\n\r\n");
        for (var i = 0; body.Length < 3 * 1024 * 1024; i++)
            body.Append("line ").Append(i).Append('\n');
        var message = System.Text.Encoding.ASCII.GetBytes(body.ToString());
        await using var client = await SmtpClient.ConnectAsync(new SmtpClientOptions { Connection = S.Connection(S.LmtpPort), Mode = SmtpMode.Lmtp }, cts.Token);

        var result = await client.SendAsync(Envelope("a@example.test", S.User + "@example.test"), SmtpMessage.FromStream(new MemoryStream(message)), cts.Token);

        Assert.True(result.Delivered, result.FinalReply.ToString());
        var stored = await WaitForMessageAsync(S.Maildir(S.User), token, cts.Token);
        Assert.True(stored.AsSpan().EndsWith(AsStoredByDovecot(message)));
    }

    /// <summary>Dovecot's maildir keeps messages with LF line ends (after its own Return-Path and Received lines).</summary>
    private static byte[] AsStoredByDovecot(byte[] message) =>
        System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(Normalized(message)).Replace("\r\n", "\n", StringComparison.Ordinal));
}
