using System.Diagnostics;
using System.Text;
using Inet.Nntp.Server;

namespace Inet.Tests.Nntp.EmbeddedServer;

public sealed class FaultInjectionTests
{
    [Fact]
    public async Task ReplyDelay_SlowsEveryReply()
    {
        await using var server = await TestServers.StartAsync(o => o.Faults.ReplyDelay = TimeSpan.FromMilliseconds(150));
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        var watch = Stopwatch.StartNew();
        await client.CommandAsync("DATE");
        await client.CommandAsync("DATE");
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(280), watch.Elapsed.ToString());
    }

    [Fact]
    public async Task DisconnectAfterBytes_CutsTheReplyExactlyThere()
    {
        await using var server = await TestServers.StartAsync(o => o.Faults.DisconnectAfterBytes = 100);
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint, readGreeting: false);
        await client.SendAsync("BODY <a1@test>");
        await client.SendAsync("HELP");
        byte[] received = await client.ReadToEndAsync();
        Assert.Equal(100, received.Length);
    }

    [Fact]
    public async Task MaxBytesPerSecond_ThrottlesABody()
    {
        await using var server = await TestServers.StartAsync();
        await server.Store.AddArticleAsync("misc.test", "big", new string('x', 60) + "\r\n" + string.Concat(Enumerable.Repeat(new string('y', 98) + "\r\n", 300)), "<slow@test>");
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        server.Options.Faults.MaxBytesPerSecond = 100_000;
        await Task.Delay(500); // idle time must not be saved up as a burst
        var watch = Stopwatch.StartNew();
        Assert.StartsWith("222 ", await client.CommandAsync("BODY <slow@test>"));
        Assert.Equal(301, (await client.ReadBlockAsync()).Count);
        // About 30 KB at 100 KB/s: at least ~0.25 s.
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(250), watch.Elapsed.ToString());
    }

    [Fact]
    public async Task MissingMessageId_Gives430And423AndIsSkipped()
    {
        await using var server = await TestServers.StartAsync();
        server.Options.Faults.MarkMissing("<a2@test>");
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("430 ", await client.CommandAsync("BODY <a2@test>"));
        await client.CommandAsync("GROUP misc.test");
        Assert.StartsWith("423 ", await client.CommandAsync("ARTICLE 2"));
        Assert.StartsWith("223 3 ", await client.CommandAsync("NEXT"));
        var (_, numbers) = await client.MultiAsync("LISTGROUP misc.test");
        Assert.Equal(["1", "3"], numbers);
        var (_, over) = await client.MultiAsync("OVER 1-3");
        Assert.Equal(2, over.Count);
        server.Options.Faults.ClearArticleFaults();
        Assert.StartsWith("222 ", await client.CommandAsync("BODY <a2@test>"));
    }

    [Fact]
    public async Task CorruptArticle_ChangesOneDataByteButKeepsStructure()
    {
        await using var server = await TestServers.StartAsync();
        server.Options.Faults.MarkCorrupt("<bin1@test>");
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("222 ", await client.CommandAsync("BODY <bin1@test>"));
        string body = Encoding.ASCII.GetString(await client.ReadBlockBytesAsync());
        string[] lines = body.Split("\r\n");
        Assert.Equal("=ybegin line=128 size=10 name=file.bin", lines[0]);
        Assert.Equal(10, lines[1].Length);
        Assert.NotEqual("ABCDEFGHIJ", lines[1]);
        Assert.Equal("=yend size=10", lines[2]);
        Assert.StartsWith("220 ", await client.CommandAsync("ARTICLE <bin1@test>"));
        var article = await client.ReadBlockAsync();
        Assert.Contains("Subject: file.bin (1/1)", article);
        Assert.DoesNotContain("ABCDEFGHIJ", article);
    }

    [Fact]
    public async Task Hook_CanAnswerInsteadAndDisconnect()
    {
        await using var server = await TestServers.StartAsync(o => o.Faults.OnCommand = (context, _) =>
        {
            if (context.Verb == "DATE")
            {
                context.SendLine("503 hook says no");
                return ValueTask.FromResult(true);
            }
            if (context.Verb == "BODY" && context.CommandLine.Contains("<a3@test>", StringComparison.Ordinal))
            {
                context.SendRaw("222 0 <a3@test>\r\npartial");
                context.Disconnect = true;
                return ValueTask.FromResult(true);
            }
            return ValueTask.FromResult(false);
        });
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.Equal("503 hook says no", await client.CommandAsync("DATE"));
        Assert.StartsWith("222 0 <a1@test>", await client.CommandAsync("BODY <a1@test>"));
        await client.ReadBlockAsync();
        await client.SendAsync("BODY <a3@test>");
        Assert.Equal("222 0 <a3@test>\r\npartial", Encoding.ASCII.GetString(await client.ReadToEndAsync()));
    }
}
