using System.CommandLine;
using System.Text;
using System.Text.Json;
using Inet.Cli.Imap;
using Inet.Core;
using Inet.Imap;
using Inet.IntegrationTests.Infrastructure;

namespace Inet.IntegrationTests.Cli;

/// <summary><c>inet imap URL list|status|search|fetch|append|move|idle</c> against Dovecot, each in a folder of its own.</summary>
public sealed class ImapCliServerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inet-imap-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static DovecotServerSettings S => DovecotServerSettings.FromEnvironment()!;

    private static async Task<(int Code, string Output, string Error)> Inet(params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(ImapCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await root.Parse(["imap", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    private static void AssertExit(int expected, (int Code, string Output, string Error) result) =>
        Assert.True(result.Code == expected, $"expected exit {expected}, got {result.Code}: {result.Error}");

    private static string Url(string folder) => $"imap://{S.User}:{S.Password}@{S.Host}:{S.ImapPort}/{folder}";

    [RequiresDovecotServerFact]
    public async Task AppendSearchFetchStatusMoveList_AllVerbs()
    {
        var (folder, archive) = ("inet-cli-" + Guid.NewGuid().ToString("N")[..8], "inet-cli-" + Guid.NewGuid().ToString("N")[..8] + "-Archiv\u00e9");
        await using (var imap = await ImapClient.ConnectAsync(new ImapClientOptions { Connection = S.Connection(S.ImapPort), UserName = S.User, Password = S.Password }))
        {
            await imap.CreateAsync(folder);
            await imap.CreateAsync(archive);
        }
        try
        {
            var ids = new List<ulong>();
            foreach (var who in new[] { "alice", "bob", "alice" })
            {
                var file = Path.Combine(_dir, who + ids.Count + ".eml");
                File.WriteAllText(file, $"From: {who}@example.test\r\nSubject: hello from {who}\r\nMessage-ID: <dup@example.test>\r\n\r\nhi\r\n");
                var appended = await Inet(Url(folder), "append", file, "--ca-file", S.CaFile, "--json");
                AssertExit(ExitCodes.Ok, appended);
                ids.Add(JsonDocument.Parse(appended.Output).RootElement.GetProperty("uid").GetUInt64());
            }

            var search = await Inet(Url(folder), "search", "FROM", "alice", "--ca-file", S.CaFile, "--json");
            var fetch = await Inet(Url(folder), "fetch", "--ca-file", S.CaFile, "--json");
            var status = await Inet(Url(folder), "status", "--ca-file", S.CaFile, "--json");
            var move = await Inet(Url(folder), "move", ids[1].ToString(System.Globalization.CultureInfo.InvariantCulture), archive, "--ca-file", S.CaFile, "--json");
            var list = await Inet(Url(""), "list", "--ca-file", S.CaFile, "--json");
            var after = await Inet(Url(folder), "status", "--ca-file", S.CaFile, "--json");

            AssertExit(ExitCodes.Ok, search);
            Assert.Equal([ids[0], ids[2]], JsonDocument.Parse(search.Output).RootElement.EnumerateArray().Select(e => e.GetUInt64()));
            var summaries = JsonDocument.Parse(fetch.Output).RootElement.EnumerateArray().ToList();
            Assert.Equal(3, summaries.Count); // the same Message-ID three times: three messages
            Assert.Equal("hello from bob", summaries[1].GetProperty("subject").GetString());
            Assert.Equal(3, JsonDocument.Parse(status.Output).RootElement.GetProperty("messages").GetInt32());
            AssertExit(ExitCodes.Ok, move);
            Assert.Equal([ids[1]], JsonDocument.Parse(move.Output).RootElement.GetProperty("from").EnumerateArray().Select(e => e.GetUInt64()));
            Assert.Contains(JsonDocument.Parse(list.Output).RootElement.EnumerateArray(), e => e.GetProperty("name").GetString() == archive);
            Assert.Equal(2, JsonDocument.Parse(after.Output).RootElement.GetProperty("messages").GetInt32());
        }
        finally
        {
            await using var imap = await ImapClient.ConnectAsync(new ImapClientOptions { Connection = S.Connection(S.ImapPort), UserName = S.User, Password = S.Password });
            await imap.DeleteAsync(folder);
            await imap.DeleteAsync(archive);
        }
    }

    [RequiresDovecotServerFact]
    public async Task Refusals_AndBadInput_GiveTheirExitCodes()
    {
        AssertExit(ExitCodes.ServerRefused, await Inet(Url("no-such-folder-" + Guid.NewGuid().ToString("N")), "status", "--ca-file", S.CaFile));
        AssertExit(ExitCodes.Network, await Inet($"imap://{S.User}:wrong@{S.Host}:{S.ImapPort}/INBOX", "status", "--ca-file", S.CaFile));
        AssertExit(ExitCodes.Network, await Inet(Url("INBOX"), "status")); // the test certificate is not trusted without --ca-file
        AssertExit(ExitCodes.Usage, await Inet(Url("INBOX"), "move", "1;DELETE", "x", "--ca-file", S.CaFile));
    }

    [RequiresDovecotServerFact]
    public async Task Idle_PrintsANewMessage()
    {
        var folder = "inet-cli-" + Guid.NewGuid().ToString("N")[..8];
        var options = new ImapClientOptions { Connection = S.Connection(S.ImapPort), UserName = S.User, Password = S.Password };
        await using (var imap = await ImapClient.ConnectAsync(options))
            await imap.CreateAsync(folder);
        try
        {
            // The CLI needs a moment to connect and log in; a message appended before IDLE began would come with
            // SELECT instead. So one is appended every half second while the command idles.
            var idle = Inet(Url(folder), "idle", "--seconds", "8", "--ca-file", S.CaFile);
            await using (var imap = await ImapClient.ConnectAsync(options))
            {
                var m = Encoding.ASCII.GetBytes("Subject: idle\r\n\r\nx\r\n");
                while (!idle.IsCompleted)
                {
                    await Task.Delay(500);
                    await imap.AppendAsync(folder, new MemoryStream(m), m.Length);
                }
            }
            var result = await idle;

            AssertExit(ExitCodes.Ok, result);
            Assert.Matches(@"(?m)^EXISTS \d+$", result.Output);
        }
        finally
        {
            await using var imap = await ImapClient.ConnectAsync(options);
            await imap.DeleteAsync(folder);
        }
    }
}
