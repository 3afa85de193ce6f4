using System.Text;
using Inet.Core;
using Inet.Pop3;
using Inet.Tests.Fakes;
using Xunit;
using static Inet.Tests.Pop3.Pop3TestHelpers;

namespace Inet.Tests.Pop3;

public sealed class Pop3MessageTests
{
    [Fact]
    public async Task Stat_List_Uidl_AllAndOne()
    {
        await using var server = new ScriptedServer().Script(Hello("UIDL") + """

            C: STAT
            S: +OK 2 320
            C: LIST
            S: +OK 2 messages (320 octets)
            S: 1 120
            S: 2 200
            S: .
            C: LIST 2
            S: +OK 2 200
            C: UIDL
            S: +OK
            S: 1 whqtswO00WBw418f9t5JxYwZ
            S: 2 QhdPYR:00WBw1Ph7x7
            S: .
            C: UIDL 1
            S: +OK 1 whqtswO00WBw418f9t5JxYwZ
            """ + "\n" + Quit);
        await using var client = await Connect(server);

        Assert.Equal((2, 320L), await client.StatAsync());
        Assert.Equal([(1, 120L), (2, 200L)], await client.ListAsync());
        Assert.Equal(200, await client.ListAsync(2));
        Assert.Equal([(1, "whqtswO00WBw418f9t5JxYwZ"), (2, "QhdPYR:00WBw1Ph7x7")], await client.UidlAsync());
        Assert.Equal("whqtswO00WBw418f9t5JxYwZ", await client.UidlAsync(1));
    }

    [Fact]
    public async Task Retr_UnstuffsDots_AndKeepsALoneDotLineOfTheBody()
    {
        await using var server = new ScriptedServer().Script(Hello() + """

            C: RETR 1
            S: +OK 44 octets
            S: Subject: dots
            S:
            S: ..
            S: ...two
            S: .x
            S: last
            S: .
            C: NOOP
            S: +OK
            """ + "\n" + Quit);
        server.OneBytePerWrite = true;
        await using var client = await Connect(server);

        await using (var message = await client.RetrieveAsync(1))
        {
            Assert.Equal(44, message.ExpectedSize);
            Assert.Equal("Subject: dots\r\n\r\n.\r\n..two\r\nx\r\nlast\r\n", await ReadAllAsync(message));
            Assert.True(message.IsComplete);
        }
        await client.NoopAsync();
    }

    [Fact]
    public async Task RetrieveTo_CopiesTheWholeMessage()
    {
        await using var server = new ScriptedServer().Script(Hello() + "\nC: RETR 3\nS: +OK\nS: a\nS: b\nS: .\n" + Quit);
        await using var client = await Connect(server);
        using var destination = new MemoryStream();

        Assert.Equal(6, await client.RetrieveToAsync(3, destination));
        Assert.Equal("a\r\nb\r\n", Encoding.ASCII.GetString(destination.ToArray()));
    }

    [Fact]
    public async Task Retr_CutOffByDisconnect_Throws_NeverEndsQuietly()
    {
        await using var server = new ScriptedServer().Script(Hello() + "\nC: RETR 1\nS: +OK 100 octets\nS: Subject: cut\nS:\nS: first half").Disconnect();
        await using var client = await Connect(server);
        await using var message = await client.RetrieveAsync(1);

        await Assert.ThrowsAsync<ConnectionClosedException>(() => ReadAllAsync(message));

        Assert.False(message.IsComplete);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Retr_OfAMissingMessage_IsACommandError_AndTheSessionGoesOn()
    {
        await using var server = new ScriptedServer().Script(Hello() + "\nC: RETR 9\nS: -ERR There's no message 9.\nC: NOOP\nS: +OK\n" + Quit);
        await using var client = await Connect(server);

        var e = await Assert.ThrowsAsync<Pop3CommandException>(() => client.RetrieveAsync(9));

        Assert.Equal("There's no message 9.", e.Response.Text);
        Assert.Null(e.ResponseCode);
        await client.NoopAsync();
    }

    [Fact]
    public async Task HalfReadMessage_IsSkippedBeforeTheNextCommand()
    {
        await using var server = new ScriptedServer().Script(Hello() + "\nC: TOP 1 0\nS: +OK\nS: Subject: a\nS: From: b\nS:\nS: .\nC: NOOP\nS: +OK\n" + Quit);
        await using var client = await Connect(server);

        var head = await client.TopAsync(1, 0);
        var buffer = new byte[4];
        await head.ReadExactlyAsync(buffer);
        await client.NoopAsync();

        Assert.True(head.IsComplete);
    }

    [Fact]
    public async Task Listing_CutOffByDisconnect_Throws()
    {
        await using var server = new ScriptedServer().Script(Hello() + "\nC: LIST\nS: +OK\nS: 1 100").Disconnect();
        await using var client = await Connect(server);

        await Assert.ThrowsAsync<ConnectionClosedException>(() => client.ListAsync());
    }

    [Fact]
    public async Task Dele_ThenDisposeWithoutQuit_DoesNotSendQuit()
    {
        await using var server = new ScriptedServer().Script(Hello() + "\nC: DELE 1\nS: +OK Marked to be deleted.").ExpectClose();
        var client = await Connect(server);

        await client.DeleteAsync(1);
        Assert.Equal(1, client.PendingDeletions);
        await client.DisposeAsync();

        await server.Completion;
        Assert.DoesNotContain("QUIT", server.Received.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dele_ThenRset_DisposeSendsQuit()
    {
        await using var server = new ScriptedServer().Script(Hello() + "\nC: DELE 1\nS: +OK\nC: RSET\nS: +OK\n" + Quit);
        await using var client = await Connect(server);

        await client.DeleteAsync(1);
        await client.ResetAsync();

        Assert.Equal(0, client.PendingDeletions);
    }

    [Fact]
    public async Task Dele_ThenQuit_Commits()
    {
        await using var server = new ScriptedServer().Script(Hello() + "\nC: DELE 1\nS: +OK\nC: DELE 2\nS: -ERR message 2 already deleted\n" + Quit);
        await using var client = await Connect(server);

        await client.DeleteAsync(1);
        await Assert.ThrowsAsync<Pop3CommandException>(() => client.DeleteAsync(2));
        await client.QuitAsync();

        Assert.Equal(0, client.PendingDeletions);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RetrieveMany_Pipelined_SendsTheWholeWindowAtOnce_AndYieldsInOrder(bool oneBytePerWrite)
    {
        // The server reads all three commands before it answers the first: a client that waited would hang here.
        await using var server = new ScriptedServer().Script(Hello("PIPELINING") + """

            C: RETR 1
            C: RETR 2
            C: RETR 3
            S: +OK 10 octets
            S: one
            S: .
            S: -ERR no such message
            S: +OK
            S: ..three
            S: .
            """ + "\n" + Quit);
        server.OneBytePerWrite = oneBytePerWrite;
        await using var client = await Connect(server);

        var got = new List<string>();
        await foreach (var item in client.RetrieveManyAsync([1, 2, 3]))
            got.Add($"{item.Number}:{item.Response.IsOk}:{(item.Content is null ? "-" : await ReadAllAsync(item.Content))}");

        Assert.Equal(["1:True:one\r\n", "2:False:-", "3:True:.three\r\n"], got);
    }

    [Fact]
    public async Task RetrieveMany_WindowBoundsTheCommandsInFlight_AndUnreadBodiesAreSkipped()
    {
        await using var server = new ScriptedServer().Script(Hello("PIPELINING") + """

            C: RETR 1
            C: RETR 2
            S: +OK
            S: one
            S: .
            C: RETR 3
            S: +OK
            S: two
            S: .
            S: +OK
            S: three
            S: .
            """ + "\n" + Quit);
        var options = Options(server.Start()) with { PipelineWindow = 2 };
        await using var client = await Pop3Client.ConnectAsync(options);

        var numbers = new List<int>();
        await foreach (var item in client.RetrieveManyAsync([1, 2, 3]))
            numbers.Add(item.Number); // content left unread

        Assert.Equal([1, 2, 3], numbers);
    }

    [Fact]
    public async Task RetrieveMany_StoppedEarly_SkipsTheAnswersInFlight_AndTheSessionGoesOn()
    {
        await using var server = new ScriptedServer().Script(Hello("PIPELINING") + """

            C: RETR 1
            C: RETR 2
            C: RETR 3
            S: +OK
            S: one
            S: .
            S: +OK
            S: two
            S: .
            S: -ERR no message 3
            C: NOOP
            S: +OK
            """ + "\n" + Quit);
        await using var client = await Connect(server);

        await foreach (var item in client.RetrieveManyAsync([1, 2, 3]))
            break;
        await client.NoopAsync();

        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task RetrieveMany_WithoutPipelining_OneAtATime()
    {
        await using var server = new ScriptedServer().Script(Hello() + "\nC: TOP 1 0\nS: +OK\nS: h1\nS: .\nC: TOP 2 0\nS: +OK\nS: h2\nS: .\n" + Quit);
        await using var client = await Connect(server);

        var heads = new List<string>();
        await foreach (var item in client.RetrieveManyAsync([1, 2], topLines: 0))
            heads.Add(await ReadAllAsync(item.Content!));

        Assert.Equal(["h1\r\n", "h2\r\n"], heads);
    }

    [Fact]
    public async Task ListWithUids_Pipelined_OneRoundTrip()
    {
        await using var server = new ScriptedServer().Script(Hello("PIPELINING", "UIDL") + """

            C: LIST
            C: UIDL
            S: +OK
            S: 1 100
            S: 2 200
            S: .
            S: +OK
            S: 1 u-one
            S: 2 u-two
            S: .
            """ + "\n" + Quit);
        await using var client = await Connect(server);

        var list = await client.ListWithUidsAsync();

        Assert.Equal([new Pop3MessageInfo(1, 100, "u-one"), new Pop3MessageInfo(2, 200, "u-two")], list);
    }

    [Fact]
    public async Task DeleteMany_Pipelined_ReportsEachAnswer()
    {
        await using var server = new ScriptedServer().Script(Hello("PIPELINING") + """

            C: DELE 1
            C: DELE 2
            C: DELE 3
            S: +OK
            S: -ERR no such message
            S: +OK
            """ + "\n" + Quit);
        await using var client = await Connect(server);

        var answers = await client.DeleteManyAsync([1, 2, 3]);

        Assert.Equal([true, false, true], answers.Select(a => a.IsOk));
        Assert.Equal(2, client.PendingDeletions);
        await client.QuitAsync();
    }
}
