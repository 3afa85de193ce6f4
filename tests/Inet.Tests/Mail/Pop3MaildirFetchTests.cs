using System.Text;
using Inet.Mail;
using Inet.Pop3;
using Inet.Tests.Fakes;
using Xunit;
using static Inet.Tests.Pop3.Pop3TestHelpers;

namespace Inet.Tests.Mail;

/// <summary>Pop3MaildirFetch against a scripted server: which messages a run takes, by UIDL.</summary>
public sealed class Pop3MaildirFetchTests
{
    /// <summary>Three messages (UIDLs ua, ub, uc); only the RETRs in <paramref name="retrieved"/> are expected.</summary>
    private static ScriptedServer Server(params int[] retrieved)
    {
        var script = new StringBuilder(Hello("UIDL") + """

            C: LIST
            S: +OK 3 messages
            S: 1 12
            S: 2 12
            S: 3 12
            S: .
            C: UIDL
            S: +OK
            S: 1 ua
            S: 2 ub
            S: 3 uc
            S: .
            """);
        foreach (var n in retrieved)
            script.Append($"\nC: RETR {n}\nS: +OK 12 octets\nS: message {n}\nS: .");
        return new ScriptedServer().Script(script.Append('\n').Append(Quit).ToString());
    }

    private static async Task<(MailFetchReport Report, string[] Bodies)> FetchAsync(ScriptedServer server, bool afterLastUidl)
    {
        using var fixture = new MaildirFixture();
        var maildir = fixture.Open();
        using var state = MailFetchState.Open(maildir);
        state.MarkFetched(MailKey.Pop3(MaildirFixture.Pop3Source, "ub")); // fetched by an earlier run, then deleted by the user
        await using var client = await Connect(server);
        var report = await Pop3MaildirFetch.RunAsync(client, MaildirFixture.Pop3Source, state, maildir, new MailFetchOptions { AfterLastUidl = afterLastUidl });
        return (report, [.. fixture.Files("new").Select(File.ReadAllText).Order()]);
    }

    [Fact]
    public async Task Default_TakesEveryMessageNotFetchedBefore()
    {
        await using var server = Server(1, 3);

        var (report, bodies) = await FetchAsync(server, afterLastUidl: false);

        Assert.Equal(2, report.Fetched);
        Assert.Equal(1, report.AlreadyFetched);
        Assert.Equal(["message 1\r\n", "message 3\r\n"], bodies);
    }

    [Fact]
    public async Task SinceUidl_TakesOnlyMessagesListedAfterTheLastFetchedOne()
    {
        await using var server = Server(3);

        var (report, bodies) = await FetchAsync(server, afterLastUidl: true);

        Assert.Equal(1, report.Fetched);
        Assert.Equal(["message 3\r\n"], bodies);
    }
}
