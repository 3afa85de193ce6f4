using System.Globalization;

namespace Inet.Tests.Nntp.EmbeddedServer;

public sealed class SessionCommandTests
{
    [Fact]
    public async Task Connect_PostingAllowed_Greets200()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("200 ", client.Greeting);
        Assert.True(server.Port > 0);
    }

    [Fact]
    public async Task Connect_PostingRefused_Greets201AndPost440()
    {
        await using var server = await TestServers.StartAsync(o => o.PostingAllowed = false);
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("201 ", client.Greeting);
        Assert.StartsWith("201 ", await client.CommandAsync("MODE READER"));
        Assert.StartsWith("440 ", await client.CommandAsync("POST"));
        var (_, caps) = await client.MultiAsync("CAPABILITIES");
        Assert.DoesNotContain("POST", caps);
    }

    [Fact]
    public async Task Capabilities_ListsVersionReaderAndExtensions()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        var (status, lines) = await client.MultiAsync("CAPABILITIES");
        Assert.StartsWith("101 ", status);
        Assert.Equal("VERSION 2", lines[0]);
        Assert.Contains("READER", lines);
        Assert.Contains("OVER MSGID", lines);
        Assert.Contains("HDR", lines);
        Assert.Contains("POST", lines);
        Assert.Contains("NEWNEWS", lines);
        Assert.Contains("LIST ACTIVE ACTIVE.TIMES HEADERS NEWSGROUPS OVERVIEW.FMT", lines);
        Assert.DoesNotContain("STARTTLS", lines);
        Assert.DoesNotContain("AUTHINFO USER", lines);
    }

    [Fact]
    public async Task ModeReader_Replies200_OtherModes501()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("200 ", await client.CommandAsync("mode reader"));
        Assert.StartsWith("501 ", await client.CommandAsync("MODE STREAM"));
        Assert.StartsWith("501 ", await client.CommandAsync("MODE"));
    }

    [Fact]
    public async Task Date_Replies111WithUtcTimestamp()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        string reply = await client.CommandAsync("DATE");
        Assert.Matches("^111 [0-9]{14}$", reply);
        var stamp = DateTime.ParseExact(reply[4..], "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        Assert.InRange((DateTime.UtcNow - stamp).TotalMinutes, -1, 1);
        Assert.StartsWith("501 ", await client.CommandAsync("DATE now"));
    }

    [Fact]
    public async Task Help_Replies100WithBlock()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        var (status, lines) = await client.MultiAsync("HELP");
        Assert.StartsWith("100 ", status);
        Assert.Contains(lines, l => l.StartsWith("ARTICLE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Quit_Replies205AndCloses()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("205 ", await client.CommandAsync("QUIT"));
        Assert.Null(await client.ReadLineAsync());
    }

    [Theory]
    [InlineData("FOO")]
    [InlineData("XGTITLE misc.*")]
    [InlineData("")]
    public async Task UnknownOrEmptyCommand_Replies500(string command)
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("500 ", await client.CommandAsync(command));
        Assert.StartsWith("111 ", await client.CommandAsync("DATE"));
    }

    [Fact]
    public async Task IHave_WhenDisabled_IsUnknown()
    {
        await using var server = await TestServers.StartAsync(o => o.IHaveAllowed = false);
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("500 ", await client.CommandAsync("IHAVE <x@test>"));
    }

    [Fact]
    public async Task Stop_ClosesConnectedClients()
    {
        var server = await TestServers.StartAsync();
        var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        await server.DisposeAsync();
        Assert.Null(await client.ReadLineAsync());
        await client.DisposeAsync();
    }
}
