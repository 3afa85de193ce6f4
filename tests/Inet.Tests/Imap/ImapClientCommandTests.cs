using System.Net.Sockets;
using System.Text;
using Inet.Imap;
using Inet.Tests.Fakes;
using static Inet.Tests.Imap.ImapClientTestHelpers;

namespace Inet.Tests.Imap;

/// <summary>How commands go out (literals, quoting, mailbox names, SEARCH charsets) and how refusals come back.</summary>
public sealed class ImapClientCommandTests
{
    private static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>A server step that fails when the client sent anything more (it should be waiting for "+").</summary>
    private static Func<Stream, Task> NothingMoreWithin(TimeSpan time) => async stream =>
    {
        await Task.Delay(time);
        if (stream is NetworkStream network && network.DataAvailable)
            throw new InvalidOperationException("The client sent the literal before the server's \"+\".");
    };

    [Fact]
    public async Task LiteralPlus_SendsTheLiteralAtOnce_WithoutWaiting()
    {
        // The server never sends "+": a client that waited would time out.
        await using var server = new ScriptedServer().Script(Greeting("IMAP4rev1 LITERAL+ UIDPLUS") + """

            C: A0001 APPEND INBOX (\Seen) {13+}
            C: Hello
            C: world!
            S: A0001 OK [APPENDUID 38505 3955] APPEND completed
            """ + "\n" + Logout(2));
        await using var client = await Connect(server);

        var appended = await client.AppendAsync("INBOX", Text("Hello\r\nworld!"), 13, ["\\Seen"]);

        Assert.Equal(38505UL, appended!.UidValidity);
        Assert.Equal([3955UL], appended.TargetUids);
    }

    [Fact]
    public async Task WithoutLiteralPlus_WaitsForTheContinuation_BeforeTheLiteral()
    {
        await using var server = new ScriptedServer().Script(Greeting() + """

            C: A0001 APPEND INBOX {13}
            """)
            .Do(NothingMoreWithin(TimeSpan.FromMilliseconds(300)))
            .Script("""
                S: + Ready for literal data
                C: Hello
                C: world!
                S: A0001 OK APPEND completed
                """ + "\n" + Logout(2));
        await using var client = await Connect(server);

        Assert.Null(await client.AppendAsync("INBOX", Text("Hello\r\nworld!"), 13));
    }

    [Fact]
    public async Task LiteralMinus_SmallLiteralsGoAtOnce_LargeOnesWait()
    {
        var large = new string('x', 5000);
        await using var server = new ScriptedServer().Script(Greeting("IMAP4rev1 LITERAL-") + """

            C: A0001 APPEND INBOX {2+}
            C: hi
            S: A0001 OK done
            C: A0002 APPEND INBOX {5000}
            S: + go
            """ + "\nC: " + large + "\nS: A0002 OK done\n" + Logout(3));
        await using var client = await Connect(server);

        await client.AppendAsync("INBOX", Text("hi"), 2);
        await client.AppendAsync("INBOX", Text(large), large.Length);
    }

    [Fact]
    public async Task Append_RefusedBeforeTheLiteral_IsImapCommandException_WithTryCreate()
    {
        await using var server = new ScriptedServer().Script(Greeting() + """

            C: A0001 APPEND Nowhere {5}
            S: A0001 NO [TRYCREATE] Mailbox doesn't exist: Nowhere
            C: A0002 NOOP
            S: A0002 OK NOOP completed
            """ + "\n" + Logout(3));
        await using var client = await Connect(server);

        var e = await Assert.ThrowsAsync<ImapCommandException>(() => client.AppendAsync("Nowhere", Text("hello"), 5));

        Assert.Equal("TRYCREATE", e.ResponseCode!.Name);
        Assert.False(e.IsBad);
        await client.NoopAsync(); // still in step: the literal was never sent
    }

    [Fact]
    public async Task No_And_Bad_AreImapCommandExceptions_AndTheSessionGoesOn()
    {
        await using var server = new ScriptedServer().Script(Greeting() + """

            C: A0001 UID COPY 1:3 Archive
            S: A0001 NO [TRYCREATE] Mailbox doesn't exist: Archive
            C: A0002 XFROB 1
            S: A0002 BAD Error in IMAP command XFROB: Unknown command.
            C: A0003 NOOP
            S: A0003 OK NOOP completed
            """ + "\n" + Logout(4));
        await using var client = await Connect(server);

        var no = await Assert.ThrowsAsync<ImapCommandException>(() => client.CopyAsync("1:3", "Archive"));
        var bad = await Assert.ThrowsAsync<ImapCommandException>(() => client.RunAsync(new ImapCommandBuilder("XFROB").Raw("1")));

        Assert.Equal("TRYCREATE", no.ResponseCode!.Name);
        Assert.False(no.IsBad);
        Assert.Contains("Archive", no.Message, StringComparison.Ordinal);
        Assert.True(bad.IsBad);
        Assert.Null(bad.ResponseCode);
        await client.NoopAsync();
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task MailboxNames_NonAsciiGoAsModifiedUtf7_CrLfNeverRaw()
    {
        await using var server = new ScriptedServer().Script(Greeting() + """

            C: A0001 CREATE Entw&APw-rfe/&U,BTFw-
            S: A0001 OK created
            C: A0002 CREATE "a b&-&AA0ACg-c"
            S: A0002 OK created
            """ + "\n" + Logout(3));
        await using var client = await Connect(server);

        await client.CreateAsync("Entwürfe/台北");
        await client.CreateAsync("a b&\r\nc");

        Assert.DoesNotContain("\r", server.Received.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MailboxNameWithCrLf_UnderUtf8Accept_GoesAsALiteral()
    {
        await using var server = new ScriptedServer().Script(Greeting("IMAP4rev1 ENABLE UTF8=ACCEPT LITERAL+") + """

            C: A0001 ENABLE UTF8=ACCEPT
            S: * ENABLED UTF8=ACCEPT
            S: A0001 OK enabled
            C: A0002 CREATE "Entwürfe"
            S: A0002 OK created
            C: A0003 CREATE {4+}
            C: a
            C: b
            S: A0003 OK created
            """ + "\n" + Logout(4));
        await using var client = await Connect(server);

        await client.EnableAsync(["UTF8=ACCEPT"]);
        await client.CreateAsync("Entwürfe");
        await client.CreateAsync("a\r\nb");
    }

    [Fact]
    public async Task Search_NonAsciiString_SendsCharsetUtf8_AndALiteral()
    {
        await using var server = new ScriptedServer().Script(Greeting("IMAP4rev1 LITERAL+") + """

            C: A0001 UID SEARCH CHARSET UTF-8 SUBJECT {5+}
            C: café UNSEEN
            S: * SEARCH 3 9
            S: A0001 OK SEARCH completed
            C: A0002 UID SEARCH OR FROM "a b" (TO x SMALLER 100)
            S: * SEARCH
            S: A0002 OK SEARCH completed
            """ + "\n" + Logout(3));
        await using var client = await Connect(server);

        var found = await client.SearchAsync(ImapSearchQuery.Subject("café").And(ImapSearchQuery.Unseen));
        var none = await client.SearchAsync(ImapSearchQuery.Or(ImapSearchQuery.From("a b"), ImapSearchQuery.To("x").And(ImapSearchQuery.Smaller(100))));

        Assert.Equal([3UL, 9UL], found);
        Assert.Empty(none);
    }

    [Theory]
    [InlineData("UNSEEN\r\nA0002 DELETE INBOX")]
    [InlineData("FROM x\n")]
    [InlineData("SUBJECT a\rb")]
    public async Task RawSearch_WithCrOrLf_IsRefused_AndNothingIsSent(string criteria)
    {
        await using var server = new ScriptedServer().Script(Greeting() + "\n" + Logout(1));
        await using (var client = await Connect(server))
            await Assert.ThrowsAnyAsync<ArgumentException>(() => client.SearchAsync(criteria));

        Assert.Equal("A0001 LOGOUT\n", server.Received.ToString());
    }

    [Fact]
    public async Task Select_TracksTheMailbox_AndStatusParses()
    {
        await using var server = new ScriptedServer().Script(Greeting() + """

            C: A0001 SELECT INBOX
            S: * FLAGS (\Answered \Flagged \Deleted \Seen \Draft)
            S: * OK [PERMANENTFLAGS (\Deleted \Seen \*)] Flags permitted.
            S: * 172 EXISTS
            S: * 1 RECENT
            S: * OK [UNSEEN 12] Message 12 is first unseen
            S: * OK [UIDVALIDITY 3857529045] UIDs valid
            S: * OK [UIDNEXT 4392] Predicted next UID
            S: A0001 OK [READ-WRITE] SELECT completed
            C: A0002 STATUS Archive (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN)
            S: * STATUS Archive (MESSAGES 231 UIDNEXT 44292 UIDVALIDITY 7 UNSEEN 3 RECENT 0)
            S: A0002 OK STATUS completed
            """ + "\n" + Logout(3));
        await using var client = await Connect(server);

        var box = await client.SelectAsync("INBOX");
        var status = await client.StatusAsync("Archive");

        Assert.Same(box, client.Selected);
        Assert.Equal(172UL, box.Exists);
        Assert.Equal(3857529045UL, box.UidValidity);
        Assert.Equal(4392UL, box.UidNext);
        Assert.Equal(12UL, box.FirstUnseen);
        Assert.False(box.ReadOnly);
        Assert.Contains("\\Draft", box.Flags);
        Assert.Equal(231UL, status.Messages);
        Assert.Equal(44292UL, status.UidNext);
        Assert.Equal(3UL, status.Unseen);
    }
}
