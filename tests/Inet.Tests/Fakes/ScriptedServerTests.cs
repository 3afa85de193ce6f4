using System.Net.Sockets;
using System.Text;
using Xunit.Sdk;

namespace Inet.Tests.Fakes;

/// <summary>The fake server every protocol test stands on must fail the test on its own, awaited or not.</summary>
public class ScriptedServerTests
{
    private static async Task<(TcpClient Client, StreamReader Reader, Stream Stream)> ConnectAsync(ScriptedServer server)
    {
        var client = new TcpClient();
        await client.ConnectAsync(System.Net.IPAddress.Loopback, server.Start().Port);
        var stream = client.GetStream();
        return (client, new StreamReader(stream, Encoding.ASCII), stream);
    }

    private static Task SendAsync(Stream stream, string text) => stream.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask();

    [Fact]
    public async Task CorrectScript_Passes_AndCompletionCompletes()
    {
        var server = new ScriptedServer().Script("S: 200 hello\nC: DATE\nS: 111 20240101000000");
        var (client, reader, stream) = await ConnectAsync(server);
        using (client)
        {
            Assert.Equal("200 hello", await reader.ReadLineAsync());
            await SendAsync(stream, "DATE\r\n");
            Assert.Equal("111 20240101000000", await reader.ReadLineAsync());
            await server.Completion;
        }
        await server.DisposeAsync();
        Assert.Equal("DATE\n", server.Received.ToString());
    }

    [Fact]
    public async Task CorrectScript_ClientStaysOpen_Passes()
    {
        var server = new ScriptedServer().Script("S: 200 hello\nC: DATE\nS: 111 20240101000000");
        var (client, reader, stream) = await ConnectAsync(server);
        using (client)
        {
            Assert.Equal("200 hello", await reader.ReadLineAsync());
            await SendAsync(stream, "DATE\r\n");
            Assert.Equal("111 20240101000000", await reader.ReadLineAsync());
            await server.DisposeAsync(); // the client has not closed: the server gives up waiting, without failing
        }
    }

    [Fact]
    public async Task MismatchedLine_FailsOnDispose_EvenWhenCompletionIsNotAwaited()
    {
        var server = new ScriptedServer().Script("S: 200 hello\nC: DATE\nS: 111 20240101000000");
        var (client, reader, stream) = await ConnectAsync(server);
        using (client)
        {
            Assert.Equal("200 hello", await reader.ReadLineAsync());
            await SendAsync(stream, "HELP\r\n");
            var error = await Assert.ThrowsAsync<XunitException>(() => server.DisposeAsync().AsTask());
            Assert.Contains("Step 2 of 3 (C: DATE): Expected client line \"DATE\" but got \"HELP\"", error.Message, StringComparison.Ordinal);
        }
        await Assert.ThrowsAsync<InvalidOperationException>(() => server.Completion);
    }

    [Fact]
    public async Task ExtraLineAfterTheScript_Fails_ClientStillOpen()
    {
        var server = new ScriptedServer().Script("S: 200 hello\nC: QUIT\nS: 205 bye");
        var (client, reader, stream) = await ConnectAsync(server);
        using (client)
        {
            Assert.Equal("200 hello", await reader.ReadLineAsync());
            await SendAsync(stream, "QUIT\r\n");
            Assert.Equal("205 bye", await reader.ReadLineAsync());
            await server.Completion; // the script itself went fine
            await SendAsync(stream, "DATE\r\n");
            var error = await Assert.ThrowsAsync<XunitException>(() => server.DisposeAsync().AsTask());
            Assert.Contains("The client sent a line after the script ended: \"DATE\"", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ExtraLinesAfterTheScript_ThenClose_AllReported()
    {
        var server = new ScriptedServer().Script("S: 200 hello");
        var (client, reader, stream) = await ConnectAsync(server);
        using (client)
        {
            Assert.Equal("200 hello", await reader.ReadLineAsync());
            await SendAsync(stream, "GROUP a\r\nGROUP b\r\n");
        }
        var error = await Assert.ThrowsAsync<XunitException>(() => server.DisposeAsync().AsTask());
        Assert.Contains("\"GROUP a\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"GROUP b\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnterminatedLineAfterTheScript_Fails()
    {
        var server = new ScriptedServer().Script("S: 200 hello");
        var (client, reader, stream) = await ConnectAsync(server);
        using (client)
        {
            Assert.Equal("200 hello", await reader.ReadLineAsync());
            await SendAsync(stream, "QUI");
            var error = await Assert.ThrowsAsync<XunitException>(() => server.DisposeAsync().AsTask());
            Assert.Contains("QUI", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ScriptNotPlayedToTheEnd_Fails()
    {
        var server = new ScriptedServer { ScriptGrace = TimeSpan.FromMilliseconds(100) }.Script("S: 200 hello\nC: DATE\nS: 111 20240101000000");
        var (client, reader, _) = await ConnectAsync(server);
        using (client)
        {
            Assert.Equal("200 hello", await reader.ReadLineAsync());
            var error = await Assert.ThrowsAsync<XunitException>(() => server.DisposeAsync().AsTask());
            Assert.Contains("The script did not finish: still at step 2 of 3 (C: DATE)", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ClientClosesEarly_Fails()
    {
        var server = new ScriptedServer().Script("S: 200 hello\nC: DATE");
        var (client, reader, _) = await ConnectAsync(server);
        using (client)
            Assert.Equal("200 hello", await reader.ReadLineAsync());
        var error = await Assert.ThrowsAsync<XunitException>(() => server.DisposeAsync().AsTask());
        Assert.Contains("Expected client line \"DATE\" but got <closed>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpectDataBlock_ComparesTheStuffedBytes()
    {
        var server = new ScriptedServer().Script("S: 340 send").ExpectDataBlock("a\r\n..b\r\n").Send("240 ok");
        var (client, reader, stream) = await ConnectAsync(server);
        using (client)
        {
            Assert.Equal("340 send", await reader.ReadLineAsync());
            await SendAsync(stream, "a\r\n.b\r\n.\r\n"); // not stuffed: must not match
            var error = await Assert.ThrowsAsync<XunitException>(() => server.DisposeAsync().AsTask());
            Assert.Contains("Expected the data block \"a\\r\\n..b\\r\\n\" but got \"a\\r\\n.b\\r\\n\"", error.Message, StringComparison.Ordinal);
        }
    }
}
