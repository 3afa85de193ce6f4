using Inet.IntegrationTests.Infrastructure;

namespace Inet.IntegrationTests.Mail;

/// <summary>
/// The mail test servers answer and store mail as scripts/servers/smtpsink.sh, aiosmtpd.sh and
/// dovecot.sh set them up: greetings on every port (implicit TLS with the test CA), the extensions
/// offered before and after STARTTLS, messages saved with their envelope, the scripted refusals, and
/// LMTP delivery into a Dovecot maildir. Raw sockets only, so these check the servers, not Inet.
/// Every test sends its own message with a unique token and looks only for that token.
/// </summary>
public sealed class MailServerSetupTests
{
    private static CancellationTokenSource Timeout() => new(TimeSpan.FromSeconds(30));

    private static string Token() => "inet-" + Guid.NewGuid().ToString("N");

    private static string[] Message(string token, string to) =>
    [
        "From: sender@example.test",
        "To: " + to,
        "Subject: " + token,
        "Message-ID: <" + token + "@example.test>",
        "",
        "Body of " + token,
        ".a line that starts with a dot",
    ];

    private static async Task<RawLineClient> ConnectAsync(string host, int port, CancellationToken ct) =>
        await RawLineClient.ConnectAsync(host, port, ct);

    private static async Task<RawLineClient> ConnectTlsAsync(string host, int port, string caFile, CancellationToken ct)
    {
        var client = await RawLineClient.ConnectAsync(host, port, ct);
        try
        {
            await client.UpgradeToTlsAsync(TestCertificates.TlsOptions(caFile, host), ct);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    private static bool Offers(SmtpReply ehlo, string keyword) =>
        ehlo.Lines.Skip(1).Any(l => l.Equals(keyword, StringComparison.OrdinalIgnoreCase)
            || l.StartsWith(keyword + " ", StringComparison.OrdinalIgnoreCase));

    // ---- smtp-sink ----

    [RequiresSmtpSinkServerFact]
    public async Task SmtpSink_Smtp_Greets220_AndOffersNoStartTlsOrSize()
    {
        var s = SmtpSinkServerSettings.Require();
        using var cts = Timeout();
        await using var client = await ConnectAsync(s.Host, s.Port, cts.Token);

        var greeting = await client.ReadReplyAsync(cts.Token);
        var ehlo = await client.SmtpAsync("EHLO client.test", cts.Token);

        Assert.Equal(220, greeting.Code);
        Assert.Equal(250, ehlo.Code);
        Assert.True(Offers(ehlo, "PIPELINING"), ehlo.ToString());
        Assert.True(Offers(ehlo, "8BITMIME"), ehlo.ToString());
        Assert.False(Offers(ehlo, "STARTTLS"), ehlo.ToString());
        Assert.False(Offers(ehlo, "SIZE"), ehlo.ToString());
        Assert.Equal(221, (await client.SmtpAsync("QUIT", cts.Token)).Code);
    }

    [RequiresSmtpSinkServerFact]
    public async Task SmtpSink_Lmtp_Greets220_AndAnswersLhlo()
    {
        var s = SmtpSinkServerSettings.Require();
        using var cts = Timeout();
        await using var client = await ConnectAsync(s.Host, s.LmtpPort, cts.Token);

        Assert.Equal(220, (await client.ReadReplyAsync(cts.Token)).Code);
        Assert.Equal(250, (await client.SmtpAsync("LHLO client.test", cts.Token)).Code);
    }

    [RequiresSmtpSinkServerFact]
    public async Task SmtpSink_SavesAMessageFile_WithItsEnvelope()
    {
        var s = SmtpSinkServerSettings.Require();
        using var cts = Timeout();
        var token = Token();
        await using var client = await ConnectAsync(s.Host, s.Port, cts.Token);
        Assert.Equal(220, (await client.ReadReplyAsync(cts.Token)).Code);
        Assert.Equal(250, (await client.SmtpAsync("EHLO client.test", cts.Token)).Code);
        Assert.Equal(250, (await client.SmtpAsync("MAIL FROM:<sender@example.test>", cts.Token)).Code);
        Assert.Equal(250, (await client.SmtpAsync($"RCPT TO:<{token}@example.test>", cts.Token)).Code);

        await client.SendDataAsync(Message(token, token + "@example.test"), cts.Token);
        var done = await client.ReadReplyAsync(cts.Token);

        Assert.Equal(250, done.Code);
        var text = await RawSmtp.WaitForFileContainingAsync(s.MailDir, "*", "Body of " + token, recursive: true, cts.Token);
        Assert.Contains("X-Mail-Args: <sender@example.test>", text, StringComparison.Ordinal);
        Assert.Contains($"X-Rcpt-Args: <{token}@example.test>", text, StringComparison.Ordinal);
        Assert.Contains("\n.a line that starts with a dot", text, StringComparison.Ordinal);
    }

    // ---- aiosmtpd ----

    [RequiresAiosmtpdServerFact]
    public async Task Aiosmtpd_OffersStartTlsBeforeTls_AndAuthOnlyAfter()
    {
        var s = AiosmtpdServerSettings.Require();
        using var cts = Timeout();
        await using var client = await ConnectAsync(s.Host, s.Port, cts.Token);
        Assert.Equal(220, (await client.ReadReplyAsync(cts.Token)).Code);

        var before = await client.SmtpAsync("EHLO client.test", cts.Token);
        Assert.Equal(220, (await client.SmtpAsync("STARTTLS", cts.Token)).Code);
        await client.UpgradeToTlsAsync(TestCertificates.TlsOptions(s.CaFile, s.Host), cts.Token);
        var after = await client.SmtpAsync("EHLO client.test", cts.Token);

        Assert.True(Offers(before, "STARTTLS"), before.ToString());
        Assert.False(Offers(before, "AUTH"), before.ToString());
        Assert.Contains("SIZE " + AiosmtpdServerSettings.SizeLimit, before.Lines);
        Assert.True(Offers(before, "SMTPUTF8"), before.ToString());
        Assert.False(Offers(after, "STARTTLS"), after.ToString());
        var auth = after.Lines.Single(l => l.StartsWith("AUTH ", StringComparison.Ordinal)).Split(' ');
        Assert.Contains("PLAIN", auth);
        Assert.Contains("LOGIN", auth);
    }

    [RequiresAiosmtpdServerFact]
    public async Task Aiosmtpd_ImplicitTls_Greets220_AndOffersAuth()
    {
        var s = AiosmtpdServerSettings.Require();
        using var cts = Timeout();
        await using var client = await ConnectTlsAsync(s.Host, s.TlsPort, s.CaFile, cts.Token);

        Assert.Equal(220, (await client.ReadReplyAsync(cts.Token)).Code);
        var ehlo = await client.SmtpAsync("EHLO client.test", cts.Token);

        Assert.True(client.IsTls);
        Assert.True(Offers(ehlo, "AUTH"), ehlo.ToString());
        Assert.False(Offers(ehlo, "STARTTLS"), ehlo.ToString());
    }

    [RequiresAiosmtpdServerFact]
    public async Task Aiosmtpd_SavesAMessage_WithItsEnvelope_AndAppliesTheScriptedRecipientRefusals()
    {
        var s = AiosmtpdServerSettings.Require();
        using var cts = Timeout();
        var token = Token();
        await using var client = await ConnectAsync(s.Host, s.Port, cts.Token);
        Assert.Equal(220, (await client.ReadReplyAsync(cts.Token)).Code);
        Assert.Equal(250, (await client.SmtpAsync("EHLO client.test", cts.Token)).Code);
        Assert.Equal(250, (await client.SmtpAsync("MAIL FROM:<sender@example.test> BODY=8BITMIME", cts.Token)).Code);
        Assert.Equal(250, (await client.SmtpAsync($"RCPT TO:<{token}@example.test>", cts.Token)).Code);
        var rejected = await client.SmtpAsync($"RCPT TO:<{AiosmtpdServerSettings.RejectPrefix}-{token}@example.test>", cts.Token);
        var deferred = await client.SmtpAsync($"RCPT TO:<{AiosmtpdServerSettings.DeferPrefix}-{token}@example.test>", cts.Token);
        Assert.Equal(250, (await client.SmtpAsync($"RCPT TO:<second-{token}@example.test>", cts.Token)).Code);

        await client.SendDataAsync(Message(token, token + "@example.test"), cts.Token);
        var done = await client.ReadReplyAsync(cts.Token);

        Assert.Equal(550, rejected.Code);
        Assert.StartsWith("5.1.1 ", rejected.Lines[0], StringComparison.Ordinal);
        Assert.Equal(452, deferred.Code);
        Assert.StartsWith("4.2.2 ", deferred.Lines[0], StringComparison.Ordinal);
        Assert.Equal(250, done.Code);
        var text = await RawSmtp.WaitForFileContainingAsync(s.OutDir, "*.eml", "Body of " + token, recursive: false, cts.Token);
        Assert.Contains("X-Mail-From: <sender@example.test> BODY=8BITMIME\r\n", text, StringComparison.Ordinal);
        Assert.Contains($"X-Rcpt-To: <{token}@example.test>\r\nX-Rcpt-To: <second-{token}@example.test>\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain(AiosmtpdServerSettings.RejectPrefix + "-", text, StringComparison.Ordinal);
        Assert.Contains("X-Helo: client.test\r\n", text, StringComparison.Ordinal);
        Assert.Contains("X-Tls: none\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\n.a line that starts with a dot\r\n", text, StringComparison.Ordinal);
    }

    [RequiresAiosmtpdServerFact]
    public async Task Aiosmtpd_BounceDataSender_Gets554AfterData_AndNothingIsSaved()
    {
        var s = AiosmtpdServerSettings.Require();
        using var cts = Timeout();
        var token = Token();
        await using var client = await ConnectAsync(s.Host, s.Port, cts.Token);
        Assert.Equal(220, (await client.ReadReplyAsync(cts.Token)).Code);
        Assert.Equal(250, (await client.SmtpAsync("EHLO client.test", cts.Token)).Code);
        Assert.Equal(250, (await client.SmtpAsync($"MAIL FROM:<{AiosmtpdServerSettings.BounceDataSender}@example.test>", cts.Token)).Code);
        Assert.Equal(250, (await client.SmtpAsync($"RCPT TO:<{token}@example.test>", cts.Token)).Code);

        await client.SendDataAsync(Message(token, token + "@example.test"), cts.Token);
        var done = await client.ReadReplyAsync(cts.Token);

        Assert.Equal(554, done.Code);
        Assert.StartsWith("5.6.0 ", done.Lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.EnumerateFiles(s.OutDir, "*.eml"), f => File.ReadAllText(f).Contains(token, StringComparison.Ordinal));
    }

    // ---- Dovecot ----

    [RequiresDovecotServerFact]
    public async Task Dovecot_EveryListenerGreets()
    {
        var s = DovecotServerSettings.Require();
        using var cts = Timeout();

        await using (var imap = await ConnectAsync(s.Host, s.ImapPort, cts.Token))
        {
            var greeting = await imap.ReadLineAsync(cts.Token);
            Assert.StartsWith("* OK ", greeting, StringComparison.Ordinal);
            Assert.Contains("STARTTLS", greeting, StringComparison.Ordinal);
        }

        await using (var imaps = await ConnectTlsAsync(s.Host, s.ImapsPort, s.CaFile, cts.Token))
        {
            Assert.StartsWith("* OK ", await imaps.ReadLineAsync(cts.Token), StringComparison.Ordinal);
        }

        await using (var pop3 = await ConnectAsync(s.Host, s.Pop3Port, cts.Token))
        {
            Assert.StartsWith("+OK", await pop3.ReadLineAsync(cts.Token), StringComparison.Ordinal);
        }

        await using (var pop3s = await ConnectTlsAsync(s.Host, s.Pop3sPort, s.CaFile, cts.Token))
        {
            Assert.StartsWith("+OK", await pop3s.ReadLineAsync(cts.Token), StringComparison.Ordinal);
        }

        await using var lmtp = await ConnectAsync(s.Host, s.LmtpPort, cts.Token);
        Assert.Equal(220, (await lmtp.ReadReplyAsync(cts.Token)).Code);
    }

    [RequiresDovecotServerFact]
    public async Task Dovecot_LmtpDelivery_LandsInTheUsersMaildir_AndAnUnknownUserIsRefused()
    {
        var s = DovecotServerSettings.Require();
        using var cts = Timeout();
        var token = Token();
        await using var client = await ConnectAsync(s.Host, s.LmtpPort, cts.Token);
        Assert.Equal(220, (await client.ReadReplyAsync(cts.Token)).Code);
        Assert.Equal(250, (await client.SmtpAsync("LHLO client.test", cts.Token)).Code);
        Assert.Equal(250, (await client.SmtpAsync("MAIL FROM:<sender@example.test>", cts.Token)).Code);
        Assert.Equal(250, (await client.SmtpAsync($"RCPT TO:<{s.User}@example.test>", cts.Token)).Code);
        var unknown = await client.SmtpAsync($"RCPT TO:<nobody-{token}@example.test>", cts.Token);

        await client.SendDataAsync(Message(token, s.User + "@example.test"), cts.Token);
        var delivered = await client.ReadReplyAsync(cts.Token);   // LMTP: one reply per accepted recipient

        Assert.Equal(550, unknown.Code);
        Assert.Equal(250, delivered.Code);
        // new/ until an IMAP or POP3 session has seen it, then cur/.
        var text = await RawSmtp.WaitForFileContainingAsync(s.Maildir(s.User), "*", "Body of " + token, recursive: true, cts.Token);
        Assert.Contains("Subject: " + token, text, StringComparison.Ordinal);
        Assert.Contains("\n.a line that starts with a dot", text, StringComparison.Ordinal);
    }
}
