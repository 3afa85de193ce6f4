using Inet.Core;
using Inet.IntegrationTests.Infrastructure;
using Inet.Smtp;
using Xunit;
using static Inet.IntegrationTests.Smtp.SmtpServerTestData;

namespace Inet.IntegrationTests.Smtp;

/// <summary>SmtpClient against Postfix smtp-sink: pipelining across many messages and connections, DSN, LMTP mode.</summary>
public sealed class SmtpSinkTests
{
    private static SmtpSinkServerSettings S => SmtpSinkServerSettings.FromEnvironment()!;

    private static SmtpClientOptions Options(int port, SmtpMode mode = SmtpMode.Smtp) => new()
    {
        Connection = new ConnectionSettings { Host = S.Host, Port = port, ReadTimeout = TimeSpan.FromSeconds(20) },
        Mode = mode,
    };

    [RequiresSmtpSinkServerFact]
    public async Task BulkSender_ManyMessagesOverThreeConnections_AllArriveOnce()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var token = Token();
        var messages = Enumerable.Range(0, 60).Select(i => new SmtpOutgoingMessage(
            Envelope("a@example.test", "b@example.test", "c@example.test"),
            SmtpMessage.FromStream(new MemoryStream(System.Text.Encoding.ASCII.GetBytes($"Subject: {token}-{i:D3}-end\r\n\r\nbody {i}\r\n"))), i)).ToList();

        var results = new List<SmtpSendResult>();
        await foreach (var result in SmtpBulkSender.SendAsync(Options(S.Port), messages, 3, cts.Token))
            results.Add(result);

        Assert.Equal(60, results.Count);
        Assert.All(results, r => Assert.True(r.Delivered, r.FinalReply.ToString()));
        Assert.Equal(Enumerable.Range(0, 60), results.Select(r => (int)r.Message.Tag!).Order());
        for (var i = 0; i < 60; i += 7)
            await WaitForMessageAsync(S.MailDir, $"{token}-{i:D3}-end", cts.Token);
        Assert.Equal(1, CountMessages(S.MailDir, $"{token}-059-end"));
    }

    [RequiresSmtpSinkServerFact]
    public async Task Send_WithDsnAndEightBit_SendsTheParameters()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var token = Token();
        await using var client = await SmtpClient.ConnectAsync(Options(S.Port), cts.Token);
        Assert.True(client.Capabilities.Pipelining && client.Capabilities.Dsn);
        var envelope = new SmtpEnvelope("a@example.test",
            [new SmtpRecipient("b@example.test") { Notify = SmtpNotify.Failure | SmtpNotify.Delay, OriginalRecipient = "orig@example.test" }])
        { Return = SmtpDsnReturn.Headers, EnvelopeId = token };

        var result = await client.SendAsync(envelope, SmtpMessage.FromStream(new MemoryStream(TrickyMessage(token))), cts.Token);

        Assert.True(result.Delivered);
        var stored = System.Text.Encoding.UTF8.GetString(await WaitForMessageAsync(S.MailDir, token, cts.Token));
        Assert.Contains($"X-Mail-Args: <a@example.test> BODY=8BITMIME RET=HDRS ENVID={token}", stored, StringComparison.Ordinal);
        Assert.Contains("X-Rcpt-Args: <b@example.test> NOTIFY=FAILURE,DELAY ORCPT=rfc822;orig@example.test", stored, StringComparison.Ordinal);
    }

    [RequiresSmtpSinkServerFact]
    public async Task Lmtp_OneReplyPerRecipient()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var client = await SmtpClient.ConnectAsync(Options(S.LmtpPort, SmtpMode.Lmtp), cts.Token);

        var result = await client.SendAsync(Envelope("a@example.test", "b@example.test", "c@example.test", "d@example.test"),
            SmtpMessage.FromStream(new MemoryStream(TrickyMessage(Token()))), cts.Token);

        Assert.Equal(3, result.Recipients.Count);
        Assert.True(result.Delivered);
    }
}
