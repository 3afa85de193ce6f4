using System.Text;

namespace Inet.Tests.Nntp.EmbeddedServer;

public sealed class ArticleCommandTests
{
    [Fact]
    public async Task Article_ByMessageId_Replies220WithNumberZeroAndDotStuffedBlock()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        await client.SendAsync("ARTICLE <a1@test>");
        Assert.StartsWith("220 0 <a1@test>", await client.ReadLineAsync());
        var raw = new List<string>();
        for (string? line = await client.ReadLineAsync(); line != "."; line = await client.ReadLineAsync())
            raw.Add(line!);
        int blank = raw.IndexOf("");
        Assert.True(blank > 0);
        Assert.Contains("Subject: First", raw.Take(blank));
        Assert.Contains("Xref: localhost misc.test:1", raw.Take(blank));
        Assert.Equal(["Hello", "..starts with a dot", "...two dots", "last line"], raw.Skip(blank + 1));
    }

    [Fact]
    public async Task Body_ByNumber_Replies222AndUnstuffsToOriginal()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        await client.CommandAsync("GROUP misc.test");
        Assert.StartsWith("222 1 <a1@test>", await client.CommandAsync("BODY 1"));
        Assert.Equal(TestServers.DottedBody, Encoding.ASCII.GetString(await client.ReadBlockBytesAsync()));
    }

    [Fact]
    public async Task Head_CurrentArticle_Replies221WithHeadersOnly()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        await client.CommandAsync("GROUP misc.test");
        await client.CommandAsync("NEXT");
        var (status, lines) = await client.MultiAsync("HEAD");
        Assert.StartsWith("221 2 <a2@test>", status);
        Assert.Contains("References: <a1@test>", lines);
        Assert.Contains("Message-ID: <a2@test>", lines);
        Assert.DoesNotContain("", lines);
        Assert.DoesNotContain("Reply body", lines);
    }

    [Fact]
    public async Task Stat_ByNumber_SetsCurrentArticle_ByMessageIdDoesNot()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        await client.CommandAsync("GROUP misc.test");
        Assert.StartsWith("223 3 <a3@test>", await client.CommandAsync("STAT 3"));
        Assert.StartsWith("223 0 <a1@test>", await client.CommandAsync("STAT <a1@test>"));
        Assert.StartsWith("223 3 <a3@test>", await client.CommandAsync("STAT"));
    }

    [Fact]
    public async Task Retrieval_ErrorCodes()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("412 ", await client.CommandAsync("ARTICLE 1"));
        Assert.StartsWith("412 ", await client.CommandAsync("BODY"));
        Assert.StartsWith("430 ", await client.CommandAsync("ARTICLE <nope@test>"));
        Assert.StartsWith("501 ", await client.CommandAsync("ARTICLE <bad id@test>"));
        Assert.StartsWith("501 ", await client.CommandAsync("HEAD abc"));
        Assert.StartsWith("501 ", await client.CommandAsync("STAT 1 2"));
        await client.CommandAsync("GROUP misc.test");
        Assert.StartsWith("423 ", await client.CommandAsync("BODY 99"));
        await client.CommandAsync("GROUP alt.empty");
        Assert.StartsWith("420 ", await client.CommandAsync("HEAD"));
    }

    [Fact]
    public async Task Body_YencArticle_ComesBackByteExact()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("222 0 <bin1@test>", await client.CommandAsync("BODY <bin1@test>"));
        Assert.Equal("=ybegin line=128 size=10 name=file.bin\r\nABCDEFGHIJ\r\n=yend size=10\r\n",
            Encoding.ASCII.GetString(await client.ReadBlockBytesAsync()));
    }

    [Fact]
    public async Task Body_LargeArticle_StreamsEveryByte()
    {
        await using var server = await TestServers.StartAsync();
        var body = new StringBuilder();
        for (int i = 0; i < 20_000; i++)
            body.Append(i % 7 == 0 ? "." : "").Append("line ").Append(i).Append("\r\n");
        await Inet.Nntp.Server.ArticleStoreExtensions.AddArticleAsync(server.Store, "misc.test", "Big", body.ToString(), "<big@test>");
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("222 ", await client.CommandAsync("BODY <big@test>"));
        Assert.Equal(body.ToString(), Encoding.ASCII.GetString(await client.ReadBlockBytesAsync()));
        Assert.StartsWith("111 ", await client.CommandAsync("DATE"));
    }
}
