using System.CommandLine;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Inet.Cli.Mail;
using Inet.Core;
using Inet.Imap;
using Inet.IntegrationTests.Infrastructure;
using Inet.Smtp;

namespace Inet.IntegrationTests.Mail;

/// <summary>
/// <c>inet mail fetch</c> against Dovecot, IMAP and POP3: exact bytes into a Maildir, a second run fetches nothing,
/// --since/--unseen, --delete, a wrong password, and kill -9 at random moments losing and duplicating nothing.
/// IMAP tests fetch a folder of their own; POP3 tests use the second user's mailbox and take only their own messages
/// into account (other tests deliver there too).
/// </summary>
public sealed class MailFetchCliServerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inet-fetch-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static DovecotServerSettings S => DovecotServerSettings.FromEnvironment()!;

    private static async Task<(int Code, string Output, string Error)> Inet(params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(MailCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await root.Parse(["mail", "fetch", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    private static void AssertExit(int expected, (int Code, string Output, string Error) result) =>
        Assert.True(result.Code == expected, $"expected exit {expected}, got {result.Code}: {result.Error}");

    private static byte[] Message(string token, int i) => Encoding.UTF8.GetBytes(
        $"From: a@example.test\r\nSubject: {token} #{i}\r\nMessage-ID: <{token}.{i}@example.test>\r\n\r\n.\r\n* {i} EXISTS\r\nbody {i} na\u00efve\r\n" + new string('z', i % 7 * 300) + "\r\n");

    private static ImapClientOptions ImapOptions() => new()
    {
        Connection = S.Connection(S.ImapPort),
        UserName = S.User,
        Password = S.Password,
    };

    /// <summary>A folder of its own holding <paramref name="count"/> messages; returns its name and the messages.</summary>
    private static async Task<(string Folder, List<byte[]> Messages)> SeedFolderAsync(int count, CancellationToken cancellationToken)
    {
        var folder = "inet-fetch-" + Guid.NewGuid().ToString("N")[..10];
        var token = "tok" + Guid.NewGuid().ToString("N")[..12];
        var messages = Enumerable.Range(0, count).Select(i => Message(token, i)).ToList();
        await using var imap = await ImapClient.ConnectAsync(ImapOptions(), cancellationToken);
        await imap.CreateAsync(folder, cancellationToken);
        foreach (var m in messages)
            await imap.AppendAsync(folder, new MemoryStream(m), m.Length, cancellationToken: cancellationToken);
        return (folder, messages);
    }

    private static async Task DeleteFolderAsync(string folder)
    {
        await using var imap = await ImapClient.ConnectAsync(ImapOptions());
        await imap.DeleteAsync(folder);
    }

    private string ImapUrl(string folder) => $"imap://{S.User}:{S.Password}@{S.Host}:{S.ImapPort}/{folder}";

    private static List<byte[]> Files(string maildir) =>
        [.. new[] { "new", "cur" }.SelectMany(d => Directory.EnumerateFiles(Path.Combine(maildir, d))).Select(File.ReadAllBytes)];

    private static void AssertExactlyOnce(IEnumerable<byte[]> expected, List<byte[]> files)
    {
        var remaining = files.Select(Convert.ToHexString).ToList();
        foreach (var message in expected)
            Assert.True(remaining.Remove(Convert.ToHexString(message)), "a message is missing or was changed");
        Assert.Empty(remaining); // no duplicates, nothing extra
    }

    [RequiresDovecotServerFact]
    public async Task Imap_FetchesExactBytesOnce_SecondRunFetchesNothing()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var (folder, messages) = await SeedFolderAsync(30, cts.Token);
        var maildir = Path.Combine(_dir, "Mail");
        try
        {
            var first = await Inet(ImapUrl(folder), "-o", maildir, "--ca-file", S.CaFile, "--json");
            var second = await Inet(ImapUrl(folder), "-o", maildir, "--ca-file", S.CaFile, "--json");

            AssertExit(ExitCodes.Ok, first);
            AssertExit(ExitCodes.Ok, second);
            Assert.Equal(30, JsonDocument.Parse(first.Output).RootElement.GetProperty("fetched").GetInt32());
            Assert.Equal(0, JsonDocument.Parse(second.Output).RootElement.GetProperty("fetched").GetInt32());
            Assert.Equal(30, JsonDocument.Parse(second.Output).RootElement.GetProperty("alreadyFetched").GetInt32());
            AssertExactlyOnce(messages, Files(maildir));
            Assert.Empty(Directory.EnumerateFiles(Path.Combine(maildir, "tmp")));
        }
        finally
        {
            await DeleteFolderAsync(folder);
        }
    }

    [RequiresDovecotServerFact]
    public async Task Imap_Unseen_TakesOnlyUnseenMessages_AndLeavesThemUnseen()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var (folder, messages) = await SeedFolderAsync(6, cts.Token);
        try
        {
            await using (var imap = await ImapClient.ConnectAsync(ImapOptions(), cts.Token))
            {
                await imap.SelectAsync(folder, cts.Token);
                await imap.StoreFlagsAsync("1:3", ImapStoreMode.Add, ["\\Seen"], uid: false, cancellationToken: cts.Token);
            }
            var maildir = Path.Combine(_dir, "Unseen");

            AssertExit(ExitCodes.Ok, await Inet(ImapUrl(folder), "-o", maildir, "--ca-file", S.CaFile, "--unseen"));

            AssertExactlyOnce(messages.Skip(3), Files(maildir));
            await using var check = await ImapClient.ConnectAsync(ImapOptions(), cts.Token);
            await check.ExamineAsync(folder, cts.Token);
            Assert.Equal(3, (await check.SearchAsync(ImapSearchQuery.Unseen, cancellationToken: cts.Token)).Count); // BODY.PEEK: still unseen
        }
        finally
        {
            await DeleteFolderAsync(folder);
        }
    }

    [RequiresDovecotServerFact]
    public async Task Imap_Since_UsesTheInternalDate()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var folder = "inet-fetch-" + Guid.NewGuid().ToString("N")[..10];
        var old = Message("old", 1);
        var recent = Message("recent", 2);
        await using (var imap = await ImapClient.ConnectAsync(ImapOptions(), cts.Token))
        {
            await imap.CreateAsync(folder, cts.Token);
            await imap.AppendAsync(folder, new MemoryStream(old), old.Length, internalDate: new DateTimeOffset(2020, 1, 1, 12, 0, 0, TimeSpan.Zero), cancellationToken: cts.Token);
            await imap.AppendAsync(folder, new MemoryStream(recent), recent.Length, internalDate: new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.Zero), cancellationToken: cts.Token);
        }
        try
        {
            var maildir = Path.Combine(_dir, "Since");
            AssertExit(ExitCodes.Ok, await Inet(ImapUrl(folder), "-o", maildir, "--ca-file", S.CaFile, "--since", "2023-01-01"));
            AssertExactlyOnce([recent], Files(maildir));
            AssertExit(ExitCodes.Usage, await Inet(ImapUrl(folder), "-o", maildir, "--since", "01/02/2023"));
        }
        finally
        {
            await DeleteFolderAsync(folder);
        }
    }

    [RequiresDovecotServerFact]
    public async Task WrongPassword_Exits4_AndWritesNothing()
    {
        var maildir = Path.Combine(_dir, "Wrong");
        AssertExit(ExitCodes.Network, await Inet($"imap://{S.User}:wrong@{S.Host}:{S.ImapPort}/INBOX", "-o", maildir, "--ca-file", S.CaFile));
        AssertExit(ExitCodes.Network, await Inet($"pop3://{S.User}:wrong@{S.Host}:{S.Pop3Port}", "-o", maildir, "--ca-file", S.CaFile));
        Assert.Empty(Files(maildir));
    }

    [RequiresDovecotServerFact]
    public async Task Pop3_FetchesNewOnes_ThenDelete_RemovesOnlyStoredOnes()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var token = "tok" + Guid.NewGuid().ToString("N")[..12];
        var messages = Enumerable.Range(0, 5).Select(i => Message(token, i)).ToList();
        await using (var lmtp = await SmtpClient.ConnectAsync(new SmtpClientOptions { Connection = S.Connection(S.LmtpPort), Mode = SmtpMode.Lmtp }, cts.Token))
        {
            foreach (var m in messages)
                Assert.True((await lmtp.SendAsync(new SmtpEnvelope("a@example.test", [S.User2 + "@example.test"]), SmtpMessage.FromStream(new MemoryStream(m)), cts.Token)).Delivered);
        }
        var url = $"pop3://{S.User2}:{S.Password2}@{S.Host}:{S.Pop3Port}";
        var maildir = Path.Combine(_dir, "Pop");

        AssertExit(ExitCodes.Ok, await Inet(url, "-o", maildir, "--ca-file", S.CaFile));
        var ours = Files(maildir).Where(f => Encoding.UTF8.GetString(f).Contains(token, StringComparison.Ordinal)).ToList();
        Assert.Equal(5, ours.Count); // Dovecot adds Return-Path and Received above each: compare the tails
        foreach (var m in messages)
            Assert.Single(ours, f => f.AsSpan().EndsWith(m));
        var again = await Inet(url, "-o", maildir, "--ca-file", S.CaFile, "--delete", "--json");
        AssertExit(ExitCodes.Ok, again);
        Assert.Equal(5, Files(maildir).Count(f => Encoding.UTF8.GetString(f).Contains(token, StringComparison.Ordinal))); // none twice
        Assert.True(JsonDocument.Parse(again.Output).RootElement.GetProperty("deleted").GetInt32() >= 5);
        var after = Path.Combine(_dir, "After");
        AssertExit(ExitCodes.Ok, await Inet(url, "-o", after, "--ca-file", S.CaFile));
        Assert.DoesNotContain(Files(after), f => Encoding.UTF8.GetString(f).Contains(token, StringComparison.Ordinal));
    }

    [RequiresDovecotServerFact]
    public async Task Imap_KilledAtRandomMoments_LosesNothingAndDuplicatesNothing()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        var (folder, messages) = await SeedFolderAsync(150, cts.Token);
        var maildir = Path.Combine(_dir, "Killed");
        var cli = Path.Combine(AppContext.BaseDirectory, "Inet.Cli.dll");
        try
        {
            var random = new Random(20261207);
            for (var kill = 0; kill < 6; kill++)
            {
                using var child = Process.Start(new ProcessStartInfo("dotnet", ["exec", cli, "mail", "fetch", ImapUrl(folder), "-o", maildir, "--ca-file", S.CaFile])
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                })!;
                await Task.Delay(random.Next(150, 900), cts.Token);
                child.Kill(); // SIGKILL: no cleanup runs
                await child.WaitForExitAsync(cts.Token);
            }
            AssertExit(ExitCodes.Ok, await Inet(ImapUrl(folder), "-o", maildir, "--ca-file", S.CaFile));

            AssertExactlyOnce(messages, Files(maildir));
            var rerun = await Inet(ImapUrl(folder), "-o", maildir, "--ca-file", S.CaFile, "--json");
            Assert.Equal(0, JsonDocument.Parse(rerun.Output).RootElement.GetProperty("fetched").GetInt32());
        }
        finally
        {
            await DeleteFolderAsync(folder);
        }
    }
}
