using System.Text;
using Inet.Core;
using Inet.Imap;
using Inet.Tests.Fakes;
using static Inet.Tests.Imap.ImapClientTestHelpers;

namespace Inet.Tests.Imap;

/// <summary>FETCH: literals split anywhere, truncated literals, untagged updates in between, malformed data, pipelining.</summary>
public sealed class ImapClientFetchTests
{
    private const string Body = "Subject: {3}\r\n\r\n* 2 EXPUNGE\r\nA0001 OK not really\r\nna\u00efve )\r\n";

    [Fact]
    public async Task Fetch_BodyLiteralSplitIntoSingleBytes_ArrivesWhole()
    {
        var body = Encoding.UTF8.GetBytes(Body);
        await using var server = new ScriptedServer { OneBytePerWrite = true }
            .Script(Greeting() + $"\nC: A0001 UID FETCH 7 (UID FLAGS BODY.PEEK[])\nS: * 1 FETCH (UID 7 FLAGS (\\Seen $Forwarded) BODY[] {{{body.Length}}}")
            .SendRaw([.. body, .. ")\r\n"u8])
            .Script("S: A0001 OK FETCH completed\n" + Logout(2));
        await using var client = await Connect(server);

        var m = Assert.Single(await client.FetchAsync("7", "(UID FLAGS BODY.PEEK[])"));

        Assert.Equal(7UL, m.Uid);
        Assert.Equal(1UL, m.SequenceNumber);
        Assert.Equal(["\\Seen", "$Forwarded"], m.Flags);
        Assert.Equal(body, m.Section("BODY[]")!.Value.AsBytes());
    }

    [Fact]
    public async Task Fetch_HugeLiteralThenDisconnect_IsConnectionClosed_NotAShortBody()
    {
        await using var server = new ScriptedServer().Script(Greeting() + "\nC: A0001 UID FETCH 1 (BODY.PEEK[])\nS: * 1 FETCH (BODY[] {10000000}")
            .SendRaw(Encoding.ASCII.GetBytes(new string('x', 1000)))
            .Disconnect();
        await using var client = await Connect(server);
        var got = new List<ImapFetchedMessage>();

        await Assert.ThrowsAsync<ConnectionClosedException>(() => client.FetchAsync("1", "(BODY.PEEK[])", got.Add));

        Assert.Empty(got);
        Assert.False(client.IsConnected);
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.NoopAsync());
    }

    [Fact]
    public async Task Fetch_UntaggedExpungeInBetween_LowersExists_AndTheFetchCompletes()
    {
        await using var server = new ScriptedServer().Script(Greeting() + """

            C: A0001 SELECT INBOX
            S: * 3 EXISTS
            S: * 0 RECENT
            S: * OK [UIDVALIDITY 42] UIDs valid
            S: A0001 OK [READ-WRITE] SELECT completed
            C: A0002 FETCH 1:3 (UID FLAGS)
            S: * 1 FETCH (UID 10 FLAGS (\Seen))
            S: * 2 EXPUNGE
            S: * 2 FETCH (UID 12 FLAGS ())
            S: A0002 OK FETCH completed
            """ + "\n" + Logout(3));
        await using var client = await Connect(server);
        var box = await client.SelectAsync("INBOX");
        Assert.Equal(3UL, box.Exists);

        var messages = await client.FetchAsync("1:3", "(UID FLAGS)", uid: false);

        Assert.Equal(2UL, box.Exists);
        Assert.Equal([10UL, 12UL], messages.Select(m => m.Uid!.Value));
        Assert.Equal(42UL, box.UidValidity);
    }

    [Fact]
    public async Task Fetch_MalformedBodyStructure_TheFetchSucceeds_ReadingItThrowsFormatException()
    {
        await using var server = new ScriptedServer().Script(Greeting() + """

            C: A0001 UID FETCH 5 (UID BODYSTRUCTURE)
            S: * 1 FETCH (UID 5 BODYSTRUCTURE ("TEXT" "PLAIN"))
            S: A0001 OK FETCH completed
            C: A0002 NOOP
            S: A0002 OK NOOP completed
            """ + "\n" + Logout(3));
        await using var client = await Connect(server);

        var m = Assert.Single(await client.FetchAsync("5", "(UID BODYSTRUCTURE)"));

        Assert.Equal(5UL, m.Uid);
        var e = Assert.Throws<FormatException>(() => m.BodyStructure);
        Assert.Contains("BODYSTRUCTURE", e.Message, StringComparison.Ordinal);
        await client.NoopAsync(); // the session is fine
    }

    [Fact]
    public async Task FetchMany_SendsTheNextBatchBeforeThePreviousCompletes()
    {
        // The server answers nothing until it has both batches: a client that waited for A0001 would time out.
        await using var server = new ScriptedServer().Script(Greeting() + """

            C: A0001 UID FETCH 1:2 (UID FLAGS)
            C: A0002 UID FETCH 3:4 (UID FLAGS)
            S: * 1 FETCH (UID 1 FLAGS ())
            S: * 2 FETCH (UID 2 FLAGS ())
            S: A0001 OK FETCH completed
            S: * 3 FETCH (UID 3 FLAGS ())
            S: * 4 FETCH (UID 4 FLAGS (\Seen))
            S: A0002 OK FETCH completed
            C: A0003 UID FETCH 5 (UID FLAGS)
            S: * 5 FETCH (UID 5 FLAGS ())
            S: A0003 OK FETCH completed
            """ + "\n" + Logout(4));
        await using var client = await Connect(server);
        var got = new List<ulong>();

        await client.FetchManyAsync([1, 2, 3, 4, 5], "(UID FLAGS)", m => got.Add(m.Uid!.Value), batchSize: 2, window: 2);

        Assert.Equal([1UL, 2, 3, 4, 5], got);
    }

    [Fact]
    public async Task FetchMany_ARefusedBatch_ReadsTheOthersOut_ThenThrows()
    {
        await using var server = new ScriptedServer().Script(Greeting() + """

            C: A0001 UID FETCH 1:2 (UID)
            C: A0002 UID FETCH 3:4 (UID)
            S: A0001 NO [SERVERBUG] Internal error
            S: * 3 FETCH (UID 3)
            S: A0002 OK FETCH completed
            C: A0003 NOOP
            S: A0003 OK NOOP completed
            """ + "\n" + Logout(4));
        await using var client = await Connect(server);
        var got = new List<ulong>();

        var e = await Assert.ThrowsAsync<ImapCommandException>(() => client.FetchManyAsync([1, 2, 3, 4, 5, 6], "(UID)", m => got.Add(m.Uid!.Value), batchSize: 2, window: 2));

        Assert.Equal("SERVERBUG", e.ResponseCode!.Name);
        Assert.Equal([3UL], got);
        await client.NoopAsync(); // in step: A0002 was read to its end, A0003 never sent as a fetch
    }
}
