using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Inet.Core;
using Inet.Tests.Fakes;
using static Inet.Tests.Smtp.SmtpTestHelpers;

namespace Inet.Tests.Cli;

/// <summary><c>inet mail send</c> against scripted servers: what goes on the wire, --json, and every exit code.</summary>
public sealed class MailSendCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inet-mail-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    private static string Url(ScriptedServer server) => $"smtp://127.0.0.1:{server.Port}";

    /// <summary>A port nothing listens on: a command that tried to connect would fail with exit 4, not 2.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Send_TwoFiles_PipelinedInOrder_JsonHasEveryRecipient()
    {
        var one = File("1.eml", "Subject: one\n\nfirst\n");
        var two = File("2.eml", "Subject: two\r\n\r\n.second\r\n");
        await using var server = new ScriptedServer().Script(Hello("PIPELINING").Replace("client.test", "[127.0.0.1]", StringComparison.Ordinal) + """

            C: MAIL FROM:<a@example.test>
            C: RCPT TO:<b@example.test>
            C: RCPT TO:<c@example.test>
            C: DATA
            S: 250 Ok
            S: 250 Ok
            S: 550 5.1.1 no such user
            S: 354 go
            """).ExpectDataBlock("Subject: one\r\n\r\nfirst\r\n").Script("""
            C: MAIL FROM:<a@example.test>
            C: RCPT TO:<b@example.test>
            C: RCPT TO:<c@example.test>
            C: DATA
            S: 250 2.0.0 queued one
            S: 250 Ok
            S: 250 Ok
            S: 250 Ok
            S: 354 go
            """).ExpectDataBlock("Subject: two\r\n\r\n..second\r\n").Script("S: 250 2.0.0 queued two\n" + Quit).Start();

        var (code, output, error) = await CliHarness.RunAsync("mail", "send", Url(server), "--from", "a@example.test",
            "--to", "b@example.test", "--to", "c@example.test", one, two, "--json");

        Assert.True(code == ExitCodes.ServerRefused, error);
        var entries = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal(4, entries.Count);
        Assert.Equal([one, one, two, two], entries.Select(e => e.GetProperty("message").GetString()));
        Assert.Equal([250, 550, 250, 250], entries.Select(e => e.GetProperty("code").GetInt32()));
        Assert.Equal("2.0.0 queued one", entries[0].GetProperty("text").GetString());
        Assert.Equal("5.1.1", entries[1].GetProperty("status").GetString());
        Assert.False(entries[1].GetProperty("accepted").GetBoolean());
    }

    [Fact]
    public async Task Send_AllAccepted_ExitsZeroWithASummary()
    {
        var one = File("1.eml", "Subject: one\r\n\r\nx\r\n");
        await using var server = new ScriptedServer().Script("""
            S: 220 mx
            C: EHLO [127.0.0.1]
            S: 250 mx
            C: MAIL FROM:<>
            S: 250 Ok
            C: RCPT TO:<b@example.test>
            S: 250 Ok
            C: DATA
            S: 354 go
            """).ExpectDataBlock("Subject: one\r\n\r\nx\r\n").Script("S: 250 Ok\n" + Quit).Start();

        var (code, output, error) = await CliHarness.RunAsync("mail", "send", Url(server), "--from", "", "--to", "b@example.test", one);

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("1 of 1 messages delivered", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--to", "b@example.test\r\nRCPT TO:<evil@example.test>")]
    [InlineData("--from", "a@example.test\0")]
    [InlineData("--to", "not-an-address")]
    public async Task Send_BadAddress_Exits2BeforeConnecting(string option, string value)
    {
        var one = File("1.eml", "x\r\n");
        var args = new List<string> { "mail", "send", $"smtp://127.0.0.1:{ClosedPort()}", one };
        args.AddRange(option == "--to" ? ["--from", "a@example.test", "--to", value] : ["--from", value, "--to", "b@example.test"]);

        var (code, _, error) = await CliHarness.RunAsync([.. args]);

        Assert.True(code == ExitCodes.Usage, error);
    }

    [Fact]
    public async Task Send_SubjectWithLineBreak_Exits2()
    {
        var (code, _, error) = await CliHarness.RunAsync("mail", "send", $"smtp://127.0.0.1:{ClosedPort()}", "--from", "a@example.test",
            "--to", "b@example.test", "--subject", "hi\r\nBcc: evil@example.test", "--body", "x");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--subject", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_UnreadableFile_Exits2BeforeConnecting()
    {
        var (code, _, error) = await CliHarness.RunAsync("mail", "send", $"smtp://127.0.0.1:{ClosedPort()}", "--from", "a@example.test",
            "--to", "b@example.test", Path.Combine(_dir, "missing.eml"));

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("missing.eml", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_NoServer_Exits4()
    {
        var one = File("1.eml", "x\r\n");

        var (code, _, _) = await CliHarness.RunAsync("mail", "send", $"smtp://127.0.0.1:{ClosedPort()}", "--from", "a@example.test", "--to", "b@example.test", one);

        Assert.Equal(ExitCodes.Network, code);
    }

    [Fact]
    public async Task Send_CredentialsAndNoTlsOffered_Exits4WithoutSendingThem()
    {
        var one = File("1.eml", "x\r\n");
        await using var server = new ScriptedServer().Script("S: 220 mx\nC: EHLO [127.0.0.1]\nS: 250-mx\nS: 250 AUTH PLAIN LOGIN\n" + Quit).Start();

        var (code, _, error) = await CliHarness.RunAsync("mail", "send", $"smtp://joe:secret@127.0.0.1:{server.Port}", "--from", "a@example.test", "--to", "b@example.test", one);

        Assert.True(code == ExitCodes.Network, error);
        Assert.DoesNotContain("AUTH", server.Received.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_OverTheServersSize_Exits3WithoutSendingIt()
    {
        var big = File("big.eml", "Subject: big\r\n\r\n" + new string('x', 500) + "\r\n");
        await using var server = new ScriptedServer().Script("S: 220 mx\nC: EHLO [127.0.0.1]\nS: 250-mx\nS: 250 SIZE 100\n" + Quit).Start();

        var (code, output, error) = await CliHarness.RunAsync("mail", "send", Url(server), "--from", "a@example.test", "--to", "b@example.test", big, "--json");

        Assert.True(code == ExitCodes.ServerRefused, error);
        var entry = JsonDocument.Parse(output).RootElement[0];
        Assert.Equal(552, entry.GetProperty("code").GetInt32());
        Assert.Contains("Nothing was sent", entry.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_Composed_SendsAMimeMessageWithSubjectBodyAndAttachment()
    {
        var attachment = File("notes.txt", "attached text");
        string? block = null;
        await using var server = new ScriptedServer().Script("""
            S: 220 mx
            C: EHLO [127.0.0.1]
            S: 250 mx
            C: MAIL FROM:<a@example.test>
            S: 250 Ok
            C: RCPT TO:<b@example.test>
            S: 250 Ok
            C: DATA
            S: 354 go
            """).ExpectDataBlock(b => block = b).Script("S: 250 Ok\n" + Quit).Start();

        var (code, _, error) = await CliHarness.RunAsync("mail", "send", Url(server), "--from", "a@example.test", "--to", "b@example.test",
            "--subject", "Caf\u00e9 report", "--body", "see attached", "--attach", attachment);

        Assert.True(code == ExitCodes.Ok, error);
        using var parsed = MimeKit.MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(block!)));
        Assert.Equal("Caf\u00e9 report", parsed.Subject);
        Assert.Equal("see attached", parsed.TextBody?.Trim());
        Assert.Equal("notes.txt", Assert.Single(parsed.Attachments).ContentDisposition?.FileName);
    }
}
