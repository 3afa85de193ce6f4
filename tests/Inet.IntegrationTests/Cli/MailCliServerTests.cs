using System.CommandLine;
using System.Text;
using System.Text.Json;
using Inet.Cli.Mail;
using Inet.Core;
using Inet.IntegrationTests.Infrastructure;
using static Inet.IntegrationTests.Smtp.SmtpServerTestData;

namespace Inet.IntegrationTests.Cli;

/// <summary>
/// <c>inet mail send</c> against the real servers: aiosmtpd (STARTTLS and implicit TLS with AUTH, refusals,
/// exact bytes), smtp-sink (many files over several connections) and Dovecot LMTP (a reply per recipient).
/// </summary>
public sealed class MailCliServerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inet-mail-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(int Code, string Output, string Error)> Inet(params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(MailCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await root.Parse(["mail", "send", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    private static void AssertExit(int expected, (int Code, string Output, string Error) result) =>
        Assert.True(result.Code == expected, $"expected exit {expected}, got {result.Code}: {result.Error}");

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private string PasswordFile(string password) => Write("password", Encoding.UTF8.GetBytes(password + "\n"));

    [RequiresAiosmtpdServerTheory]
    [InlineData("smtp")]
    [InlineData("smtps")]
    public async Task Send_FileWithAuthOverTls_ServerGetsExactlyItsBytes(string scheme)
    {
        var s = AiosmtpdServerSettings.FromEnvironment()!;
        var token = Token();
        var message = TrickyMessage(token);
        var file = Write("m.eml", message);
        var port = scheme == "smtps" ? s.TlsPort : s.Port;

        var result = await Inet($"{scheme}://{s.User}@{s.Host}:{port}", "--from", "a@example.test", "--to", "b@example.test",
            "--password-file", PasswordFile(s.Password), "--ca-file", s.CaFile, file);

        AssertExit(ExitCodes.Ok, result);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stored = await WaitForMessageAsync(s.OutDir, token, cts.Token, recursive: false);
        Assert.Equal(Normalized(message), AfterXHeaders(stored));
        Assert.Contains("X-Auth: " + s.User, Encoding.UTF8.GetString(stored), StringComparison.Ordinal);
    }

    [RequiresAiosmtpdServerFact]
    public async Task Send_WrongPassword_Exits4()
    {
        var s = AiosmtpdServerSettings.FromEnvironment()!;
        var file = Write("m.eml", TrickyMessage(Token()));

        var result = await Inet($"smtp://{s.User}@{s.Host}:{s.Port}", "--from", "a@example.test", "--to", "b@example.test",
            "--password-file", PasswordFile("wrong"), "--ca-file", s.CaFile, file);

        AssertExit(ExitCodes.Network, result);
        Assert.DoesNotContain("wrong", result.Error, StringComparison.Ordinal);
    }

    [RequiresAiosmtpdServerFact]
    public async Task Send_CertificateNotTrusted_Exits4BeforeAuth()
    {
        var s = AiosmtpdServerSettings.FromEnvironment()!;
        var token = Token();
        var file = Write("m.eml", TrickyMessage(token));

        var result = await Inet($"smtp://{s.User}@{s.Host}:{s.Port}", "--from", "a@example.test", "--to", "b@example.test",
            "--password-file", PasswordFile(s.Password), file);

        AssertExit(ExitCodes.Network, result);
        await Task.Delay(300);
        Assert.Equal(0, CountMessages(s.OutDir, token));
    }

    [RequiresAiosmtpdServerFact]
    public async Task Send_SomeRecipientsRefused_Exits3_JsonHasEachReply()
    {
        var s = AiosmtpdServerSettings.FromEnvironment()!;
        var file = Write("m.eml", TrickyMessage(Token()));

        var result = await Inet($"smtp://{s.Host}:{s.Port}", "--from", "a@example.test", "--to", "ok@example.test",
            "--to", "reject-x@example.test", "--to", "defer-x@example.test", "--ca-file", s.CaFile, file, "--json");

        AssertExit(ExitCodes.ServerRefused, result);
        var entries = JsonDocument.Parse(result.Output).RootElement.EnumerateArray().ToList();
        Assert.Equal([250, 550, 452], entries.Select(e => e.GetProperty("code").GetInt32()));
        Assert.Equal(["ok@example.test", "reject-x@example.test", "defer-x@example.test"], entries.Select(e => e.GetProperty("recipient").GetString()));
    }

    [RequiresSmtpSinkServerFact]
    public async Task Send_ManyFilesOverFourConnections_AllArrive()
    {
        var s = SmtpSinkServerSettings.FromEnvironment()!;
        var token = Token();
        var files = Enumerable.Range(0, 40).Select(i => Write($"{i:D2}.eml", Encoding.ASCII.GetBytes($"Subject: {token}-{i:D2}-end\r\n\r\nbody\r\n"))).ToArray();

        var result = await Inet([$"smtp://{s.Host}:{s.Port}", "--from", "a@example.test", "--to", "b@example.test", "--connections", "4", .. files]);

        AssertExit(ExitCodes.Ok, result);
        Assert.Contains("40 of 40 messages delivered", result.Output, StringComparison.Ordinal);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        foreach (var i in new[] { 0, 17, 39 })
            await WaitForMessageAsync(s.MailDir, $"{token}-{i:D2}-end", cts.Token);
    }

    [RequiresDovecotServerFact]
    public async Task Send_Lmtp_JsonHasOneReplyPerRecipient_Exits3ForTheUnknownUser()
    {
        var s = DovecotServerSettings.FromEnvironment()!;
        var token = Token();
        var file = Write("m.eml", TrickyMessage(token));

        var result = await Inet($"lmtp://{s.Host}:{s.LmtpPort}", "--from", "a@example.test", "--to", s.User + "@example.test",
            "--to", "nobody-" + token + "@example.test", "--to", s.User2 + "@example.test", "--ca-file", s.CaFile, file, "--json");

        AssertExit(ExitCodes.ServerRefused, result);
        var entries = JsonDocument.Parse(result.Output).RootElement.EnumerateArray().ToList();
        Assert.Equal([250, 550, 250], entries.Select(e => e.GetProperty("code").GetInt32()));
        Assert.Contains(s.User + "@example.test", entries[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await WaitForMessageAsync(s.Maildir(s.User2), token, cts.Token);
    }
}
