using System.Text;

namespace Inet.Tests.Nntp.EmbeddedServer;

public sealed class HostileInputTests
{
    [Fact]
    public async Task OverlongCommandLine_500AndConnectionContinues()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        await client.SendRawAsync(Encoding.ASCII.GetBytes("GROUP " + new string('x', 1_000_000) + "\r\n"));
        Assert.StartsWith("500 ", await client.ReadLineAsync());
        Assert.Equal("211 3 1 3 misc.test", await client.CommandAsync("GROUP misc.test"));
    }

    [Fact]
    public async Task NulByteInCommand_501()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        await client.SendRawAsync("GROUP misc\0.test\r\n"u8.ToArray());
        Assert.StartsWith("501 ", await client.ReadLineAsync());
        Assert.StartsWith("111 ", await client.CommandAsync("DATE"));
    }

    [Fact]
    public async Task BinaryGarbage_IsAnsweredAndServerSurvives()
    {
        await using var server = await TestServers.StartAsync();
        var random = new Random(42);
        byte[] garbage = new byte[64 * 1024];
        random.NextBytes(garbage);
        await using (var client = await RawNntpClient.ConnectAsync(server.EndPoint))
        {
            await client.SendRawAsync(garbage);
            await client.SendAsync("");
            await client.SendAsync("QUIT");
            byte[] replies = await client.ReadToEndAsync();
            Assert.Contains("205 ", Encoding.Latin1.GetString(replies), StringComparison.Ordinal);
        }
        await using var next = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("111 ", await next.CommandAsync("DATE"));
    }

    [Fact]
    public async Task HugePost_441AndConnectionContinues()
    {
        await using var server = await TestServers.StartAsync(o => o.MaxArticleSize = 64 * 1024);
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("340 ", await client.CommandAsync("POST"));
        var article = new StringBuilder("From: a@test\r\nNewsgroups: misc.test\r\nSubject: huge\r\n\r\n");
        for (int i = 0; i < 20_000; i++)
            article.Append("0123456789012345678901234567890123456789\r\n");
        article.Append(".\r\n");
        await client.SendRawAsync(Encoding.ASCII.GetBytes(article.ToString()));
        Assert.StartsWith("441 ", await client.ReadLineAsync());
        Assert.Equal("211 3 1 3 misc.test", await client.CommandAsync("GROUP misc.test"));
    }

    [Fact]
    public async Task OverlongArticleLine_441AndConnectionContinues()
    {
        await using var server = await TestServers.StartAsync(o => o.MaxArticleLineLength = 1000);
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("340 ", await client.CommandAsync("POST"));
        await client.SendRawAsync(Encoding.ASCII.GetBytes(
            "From: a@test\r\nNewsgroups: misc.test\r\nSubject: long\r\n\r\n" + new string('y', 200_000) + "\r\nok\r\n.\r\n"));
        Assert.StartsWith("441 ", await client.ReadLineAsync());
        Assert.StartsWith("111 ", await client.CommandAsync("DATE"));
    }

    [Fact]
    public async Task ClientVanishesMidPost_ServerKeepsServing()
    {
        await using var server = await TestServers.StartAsync();
        await using (var client = await RawNntpClient.ConnectAsync(server.EndPoint))
        {
            Assert.StartsWith("340 ", await client.CommandAsync("POST"));
            await client.SendRawAsync("From: a@test\r\nNewsgroups: misc.test\r\n"u8.ToArray());
        }
        await using var next = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.Equal("211 3 1 3 misc.test", await next.CommandAsync("GROUP misc.test"));
    }

    [Fact]
    public async Task IdleClient_IsDisconnected()
    {
        await using var server = await TestServers.StartAsync(o => o.IdleTimeout = TimeSpan.FromMilliseconds(300));
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.Null(await client.ReadLineAsync());
    }

    [Fact]
    public async Task BareLineFeeds_AreAccepted()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        await client.SendRawAsync("GROUP misc.test\nSTAT 2\n"u8.ToArray());
        Assert.Equal("211 3 1 3 misc.test", await client.ReadLineAsync());
        Assert.StartsWith("223 2 ", await client.ReadLineAsync());
    }
}
