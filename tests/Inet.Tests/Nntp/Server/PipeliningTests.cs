using System.Text;
using Inet.Nntp.Server;

namespace Inet.Tests.Nntp.EmbeddedServer;

public sealed class PipeliningTests
{
    /// <summary>The bodies <see cref="TestServers.SeedAsync"/> stores for misc.test 1..3, as a reader gets them (un-stuffed).</summary>
    private static readonly string[] SeededBodies = [TestServers.DottedBody, "Reply body\r\n", "Third body\r\nsecond line\r\n"];

    private static async Task<string> ReadBodyAsync(RawNntpClient client) => Encoding.ASCII.GetString(await client.ReadBlockBytesAsync());

    [Fact]
    public async Task HundredPipelinedCommands_AnsweredInOrder()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        var batch = new StringBuilder("GROUP misc.test\r\n");
        for (int i = 0; i < 100; i++)
            batch.Append(i % 2 == 0 ? $"STAT {i % 3 + 1}\r\n" : $"BODY <a{i % 3 + 1}@test>\r\n");
        await client.SendRawAsync(Encoding.ASCII.GetBytes(batch.ToString()));
        Assert.Equal("211 3 1 3 misc.test", await client.ReadLineAsync());
        for (int i = 0; i < 100; i++)
        {
            string? status = await client.ReadLineAsync();
            if (i % 2 == 0)
            {
                Assert.StartsWith($"223 {i % 3 + 1} <a{i % 3 + 1}@test>", status);
            }
            else
            {
                Assert.StartsWith($"222 0 <a{i % 3 + 1}@test>", status);
                Assert.Equal(SeededBodies[i % 3], await ReadBodyAsync(client));
            }
        }
        Assert.StartsWith("111 ", await client.CommandAsync("DATE"));
    }

    [Fact]
    public async Task PipelinedPostFollowedByCommands_StaysInStep()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        await client.SendRawAsync(Encoding.ASCII.GetBytes(
            "POST\r\nFrom: a@test\r\nNewsgroups: alt.empty\r\nSubject: p\r\n\r\nbody\r\n..dot\r\n.\r\nGROUP alt.empty\r\nQUIT\r\n"));
        Assert.StartsWith("340 ", await client.ReadLineAsync());
        Assert.StartsWith("240 ", await client.ReadLineAsync());
        Assert.Equal("211 1 1 1 alt.empty", await client.ReadLineAsync());
        Assert.StartsWith("205 ", await client.ReadLineAsync());
        await using var reader = await RawNntpClient.ConnectAsync(server.EndPoint);
        await reader.CommandAsync("GROUP alt.empty");
        Assert.StartsWith("222 1 ", await reader.CommandAsync("BODY 1"));
        Assert.Equal("body\r\n.dot\r\n", await ReadBodyAsync(reader)); // what was posted, un-stuffed
    }

    [Fact]
    public async Task FiftyConcurrentClients_EachGetCorrectArticles()
    {
        await using var server = await TestServers.StartAsync();
        var tasks = Enumerable.Range(0, 50).Select(async n =>
        {
            await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
            Assert.StartsWith("200 ", client.Greeting);
            Assert.Equal("211 3 1 3 misc.test", await client.CommandAsync("GROUP misc.test"));
            for (int i = 0; i < 10; i++)
            {
                int number = (n + i) % 3 + 1;
                Assert.StartsWith($"222 {number} <a{number}@test>", await client.CommandAsync($"BODY {number}"));
                Assert.Equal(SeededBodies[number - 1], await ReadBodyAsync(client));
            }
            Assert.StartsWith("205 ", await client.CommandAsync("QUIT"));
        });
        await Task.WhenAll(tasks);
    }

    [Fact]
    public async Task ConcurrentPosts_GetDistinctConsecutiveNumbers()
    {
        await using var server = await TestServers.StartAsync();
        var tasks = Enumerable.Range(0, 20).Select(async n =>
        {
            await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
            Assert.StartsWith("340 ", await client.CommandAsync("POST"));
            await client.SendRawAsync(TestServers.Raw("From: a@test", "Newsgroups: alt.empty", $"Subject: n{n}", "", $"body {n}", "."));
            Assert.StartsWith("240 ", await client.ReadLineAsync());
        });
        await Task.WhenAll(tasks);
        var group = server.Store.FindGroup("alt.empty")!;
        Assert.Equal((20, 1, 20), group.Snapshot());
        Assert.Equal(20, group.Range(1, 20).Select(a => a.Article.MessageId).Distinct().Count());
        await using var reader = await RawNntpClient.ConnectAsync(server.EndPoint);
        await reader.CommandAsync("GROUP alt.empty");
        var bodies = new List<string>();
        for (var number = 1; number <= 20; number++)
        {
            Assert.StartsWith($"222 {number} ", await reader.CommandAsync($"BODY {number}"));
            bodies.Add(await ReadBodyAsync(reader));
        }
        Assert.Equal(Enumerable.Range(0, 20).Select(n => $"body {n}\r\n").Order(StringComparer.Ordinal), bodies.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task MaxConnections_ExtraClientGets400()
    {
        await using var server = await TestServers.StartAsync(o => o.MaxConnections = 1);
        await using var first = await RawNntpClient.ConnectAsync(server.EndPoint);
        await using var second = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("400 ", second.Greeting);
        Assert.Null(await second.ReadLineAsync());
        Assert.StartsWith("111 ", await first.CommandAsync("DATE"));
    }

    [Fact]
    public async Task ThousandsOfPipelinedCommands_WhileReading_AllAnswered()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("100 ", await client.CommandAsync("HELP"));
        var help = await client.ReadBlockAsync();
        Assert.NotEmpty(help);
        const int count = 5000;
        var sending = Task.Run(async () =>
        {
            var batch = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("HELP\r\n", 100)));
            for (int i = 0; i < count / 100; i++)
                await client.SendRawAsync(batch);
        });
        for (int i = 0; i < count; i++)
        {
            Assert.StartsWith("100 ", await client.ReadLineAsync());
            Assert.Equal(help, await client.ReadBlockAsync());
        }
        await sending;
    }

    [Ipv6LoopbackFact]
    public async Task Ipv6Loopback_Works()
    {
        await using var server = await TestServers.StartAsync(o => o.Address = System.Net.IPAddress.IPv6Loopback);
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("200 ", client.Greeting);
        Assert.Equal(System.Net.IPAddress.IPv6Loopback, server.EndPoint.Address);
        Assert.Equal("211 3 1 3 misc.test", await client.CommandAsync("GROUP misc.test"));
    }

    [Fact]
    public void Options_AreValidated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NntpServer(new NntpServerOptions { MaxCommandLineLength = 10 }));
        Assert.Throws<ArgumentException>(() => new NntpServer(new NntpServerOptions { UserName = "only-user" }));
        Assert.Throws<ArgumentException>(() => new NntpServer(new NntpServerOptions { HostName = "bad host" }));
    }
}
