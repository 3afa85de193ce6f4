namespace Inet.Tests.Nntp.EmbeddedServer;

public sealed class OverviewCommandTests
{
    [Fact]
    public async Task Over_Range_ReturnsTabSeparatedFieldsInOverviewFmtOrder()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        await client.CommandAsync("GROUP misc.test");
        var (status, lines) = await client.MultiAsync("OVER 1-3");
        Assert.StartsWith("224 ", status);
        Assert.Equal(3, lines.Count);
        string[] second = lines[1].Split('\t');
        Assert.Equal(9, second.Length);
        Assert.Equal("2", second[0]);
        Assert.Equal("Second", second[1]);
        Assert.Equal("B <b@test>", second[2]);
        Assert.NotEmpty(second[3]);
        Assert.Equal("<a2@test>", second[4]);
        Assert.Equal("<a1@test>", second[5]);
        Assert.Equal("1", second[7]);
        Assert.Equal("Xref: localhost misc.test:2", second[8]);
        var article = server.Store.FindArticle("<a2@test>")!;
        Assert.Equal(article.Bytes.ToString(System.Globalization.CultureInfo.InvariantCulture), second[6]);
    }

    [Fact]
    public async Task Over_TabInSubject_BecomesSpace()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        await client.CommandAsync("GROUP misc.test");
        var (_, lines) = await client.MultiAsync("OVER 3");
        string[] fields = Assert.Single(lines).Split('\t');
        Assert.Equal("Tab here", fields[1]);
        Assert.Equal("2", fields[7]);
    }

    [Fact]
    public async Task Over_ByMessageIdAndCurrent()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        var (status, lines) = await client.MultiAsync("OVER <a3@test>");
        Assert.StartsWith("224 ", status);
        Assert.StartsWith("0\t", Assert.Single(lines));
        Assert.StartsWith("412 ", await client.CommandAsync("OVER"));
        await client.CommandAsync("GROUP misc.test");
        (_, lines) = await client.MultiAsync("XOVER");
        Assert.StartsWith("1\tFirst\t", Assert.Single(lines));
    }

    [Fact]
    public async Task Over_ErrorCodes()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("412 ", await client.CommandAsync("OVER 1-2"));
        Assert.StartsWith("430 ", await client.CommandAsync("OVER <none@test>"));
        await client.CommandAsync("GROUP misc.test");
        Assert.StartsWith("423 ", await client.CommandAsync("OVER 50-60"));
        Assert.StartsWith("501 ", await client.CommandAsync("OVER 1-x"));
        await client.CommandAsync("GROUP alt.empty");
        Assert.StartsWith("420 ", await client.CommandAsync("OVER"));
    }

    [Fact]
    public async Task Hdr_HeaderAndMetadata()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        await client.CommandAsync("GROUP misc.test");
        var (status, lines) = await client.MultiAsync("HDR Subject 1-");
        Assert.StartsWith("225 ", status);
        Assert.Equal(["1 First", "2 Second", "3 Tab here"], lines);
        (_, lines) = await client.MultiAsync("HDR references 1-2");
        Assert.Equal(["1 ", "2 <a1@test>"], lines);
        (_, lines) = await client.MultiAsync("HDR :lines <a3@test>");
        Assert.Equal(["0 2"], lines);
        (_, lines) = await client.MultiAsync("HDR Message-ID");
        Assert.Equal(["1 <a1@test>"], lines);
    }

    [Fact]
    public async Task Xhdr_Replies221AndNoneForMissingHeader()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        await client.CommandAsync("GROUP misc.test");
        var (status, lines) = await client.MultiAsync("XHDR References 1-2");
        Assert.StartsWith("221 ", status);
        Assert.Equal(["1 (none)", "2 <a1@test>"], lines);
    }

    [Fact]
    public async Task Hdr_ErrorCodes()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("501 ", await client.CommandAsync("HDR"));
        Assert.StartsWith("412 ", await client.CommandAsync("HDR Subject 1-2"));
        Assert.StartsWith("430 ", await client.CommandAsync("HDR Subject <none@test>"));
        await client.CommandAsync("GROUP misc.test");
        Assert.StartsWith("423 ", await client.CommandAsync("HDR Subject 10-20"));
    }

    [Fact]
    public async Task Xpat_ReturnsMatchingHeaderValues()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        await client.CommandAsync("GROUP misc.test");
        var (status, lines) = await client.MultiAsync("XPAT Subject 1- *ir* Sec*");
        Assert.StartsWith("221 ", status);
        Assert.Equal(["1 First", "2 Second"], lines);
        (_, lines) = await client.MultiAsync("XPAT From <a2@test> *b@test*");
        Assert.Equal(["0 B <b@test>"], lines);
        Assert.StartsWith("501 ", await client.CommandAsync("XPAT Subject 1-"));
    }
}
