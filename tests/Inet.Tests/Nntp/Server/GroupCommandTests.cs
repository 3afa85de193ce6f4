namespace Inet.Tests.Nntp.EmbeddedServer;

public sealed class GroupCommandTests
{
    [Fact]
    public async Task Group_Existing_Replies211CountLowHighName()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.Equal("211 3 1 3 misc.test", await client.CommandAsync("GROUP misc.test"));
        Assert.StartsWith("223 1 <a1@test>", await client.CommandAsync("STAT"));
    }

    [Fact]
    public async Task Group_Empty_RepliesZeroWithLowAboveHigh()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.Equal("211 0 1 0 alt.empty", await client.CommandAsync("GROUP alt.empty"));
        Assert.StartsWith("420 ", await client.CommandAsync("STAT"));
        Assert.StartsWith("420 ", await client.CommandAsync("NEXT"));
    }

    [Fact]
    public async Task Group_Unknown411_Missing501()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("411 ", await client.CommandAsync("GROUP no.such.group"));
        Assert.StartsWith("501 ", await client.CommandAsync("GROUP"));
    }

    [Fact]
    public async Task ListGroup_WithGroupAndRange_ListsNumbers()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        var (status, lines) = await client.MultiAsync("LISTGROUP misc.test");
        Assert.StartsWith("211 3 1 3 misc.test", status);
        Assert.Equal(["1", "2", "3"], lines);
        (_, lines) = await client.MultiAsync("LISTGROUP misc.test 2-");
        Assert.Equal(["2", "3"], lines);
        (_, lines) = await client.MultiAsync("LISTGROUP misc.test 2-2");
        Assert.Equal(["2"], lines);
        (_, lines) = await client.MultiAsync("LISTGROUP");
        Assert.Equal(["1", "2", "3"], lines);
    }

    [Fact]
    public async Task ListGroup_Errors()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("412 ", await client.CommandAsync("LISTGROUP"));
        Assert.StartsWith("411 ", await client.CommandAsync("LISTGROUP nope"));
        Assert.StartsWith("501 ", await client.CommandAsync("LISTGROUP misc.test x-y"));
    }

    [Fact]
    public async Task NextAndLast_WalkTheGroup()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("412 ", await client.CommandAsync("NEXT"));
        Assert.StartsWith("412 ", await client.CommandAsync("LAST"));
        await client.CommandAsync("GROUP misc.test");
        Assert.StartsWith("422 ", await client.CommandAsync("LAST"));
        Assert.StartsWith("223 2 <a2@test>", await client.CommandAsync("NEXT"));
        Assert.StartsWith("223 3 <a3@test>", await client.CommandAsync("NEXT"));
        Assert.StartsWith("421 ", await client.CommandAsync("NEXT"));
        Assert.StartsWith("223 2 <a2@test>", await client.CommandAsync("LAST"));
        Assert.StartsWith("223 2 <a2@test>", await client.CommandAsync("STAT"));
    }
}
