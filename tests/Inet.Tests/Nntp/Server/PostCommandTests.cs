using System.Text;

namespace Inet.Tests.Nntp.EmbeddedServer;

public sealed class PostCommandTests
{
    private static async Task<string> PostAsync(RawNntpClient client, params string[] lines)
    {
        Assert.StartsWith("340 ", await client.CommandAsync("POST"));
        var text = new StringBuilder();
        foreach (string line in lines)
            text.Append(line.StartsWith('.') ? "." + line : line).Append("\r\n");
        text.Append(".\r\n");
        await client.SendRawAsync(Encoding.UTF8.GetBytes(text.ToString()));
        return await client.ReadLineAsync() ?? "";
    }

    [Fact]
    public async Task Post_ValidArticle_240AndNumberedWithGeneratedHeaders()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        string reply = await PostAsync(client, "From: poster@test", "Newsgroups: misc.test,alt.empty", "Subject: Posted", "", "body line", ".dot line");
        Assert.StartsWith("240 ", reply);
        Assert.Equal("211 4 1 4 misc.test", await client.CommandAsync("GROUP misc.test"));
        Assert.Equal("211 1 1 1 alt.empty", await client.CommandAsync("GROUP alt.empty"));
        var (_, head) = await client.MultiAsync("HEAD 1");
        Assert.Contains(head, h => h.StartsWith("Message-ID: <", StringComparison.Ordinal));
        Assert.Contains(head, h => h.StartsWith("Date: ", StringComparison.Ordinal));
        Assert.Contains("Path: localhost!not-for-mail", head);
        Assert.Contains("Xref: localhost misc.test:4 alt.empty:1", head);
        var (_, body) = await client.MultiAsync("BODY 1");
        Assert.Equal(["body line", ".dot line"], body);
    }

    [Fact]
    public async Task Post_ClientXrefIsReplaced()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("240 ", await PostAsync(client, "From: p@test", "Newsgroups: alt.empty", "Subject: x", "Xref: evil misc.test:1", "Message-ID: <xr@test>", "", "b"));
        var article = server.Store.FindArticle("<xr@test>")!;
        Assert.Equal("localhost alt.empty:1", article.GetHeader("Xref"));
        Assert.Single(article.Headers, h => h.Name == "Xref");
    }

    [Theory]
    [InlineData("Newsgroups: misc.test", "Subject: no from")]
    [InlineData("From: a@test", "Subject: no groups")]
    [InlineData("From: a@test", "Newsgroups: misc.test")]
    [InlineData("From: a@test", "Newsgroups: no.such.group", "Subject: x")]
    [InlineData("From: a@test", "Newsgroups: misc.test", "Subject: x", "Message-ID: not-an-id")]
    [InlineData("From: a@test", "Newsgroups: misc.test", "Subject: x", "this is not a header")]
    public async Task Post_InvalidArticle_441AndConnectionContinues(params string[] headers)
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("441 ", await PostAsync(client, [.. headers, "", "body"]));
        Assert.Equal("211 3 1 3 misc.test", await client.CommandAsync("GROUP misc.test"));
    }

    [Fact]
    public async Task Post_DuplicateMessageId_441()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("441 ", await PostAsync(client, "From: a@test", "Newsgroups: misc.test", "Subject: dup", "Message-ID: <a1@test>", "", "b"));
    }

    [Fact]
    public async Task Post_ToReadOnlyGroup_441()
    {
        await using var server = await TestServers.StartAsync();
        await server.Store.CreateGroupAsync("local.ro", postingAllowed: false);
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("441 ", await PostAsync(client, "From: a@test", "Newsgroups: local.ro", "Subject: x", "", "b"));
    }

    [Fact]
    public async Task Post_WithArgument_501()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("501 ", await client.CommandAsync("POST now"));
    }

    [Fact]
    public async Task IHave_Flow_335Then235_DuplicateIs435_MismatchIs437()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("435 ", await client.CommandAsync("IHAVE <a1@test>"));
        Assert.StartsWith("335 ", await client.CommandAsync("IHAVE <ih1@test>"));
        await client.SendRawAsync(TestServers.Raw("From: a@test", "Newsgroups: misc.test", "Subject: ih", "Message-ID: <ih1@test>", "", "b", "."));
        Assert.StartsWith("235 ", await client.ReadLineAsync());
        Assert.NotNull(server.Store.FindArticle("<ih1@test>"));
        Assert.StartsWith("335 ", await client.CommandAsync("IHAVE <ih2@test>"));
        await client.SendRawAsync(TestServers.Raw("From: a@test", "Newsgroups: misc.test", "Subject: ih", "Message-ID: <other@test>", "", "b", "."));
        Assert.StartsWith("437 ", await client.ReadLineAsync());
        Assert.StartsWith("501 ", await client.CommandAsync("IHAVE nope"));
    }

    [Fact]
    public async Task Post_StoreFails_441_IHave_436_ConnectionContinues()
    {
        var store = new FailingStore();
        await TestServers.SeedAsync(store);
        store.Fail = true;
        await using var server = await Inet.Nntp.Server.NntpServer.StartNewAsync(new Inet.Nntp.Server.NntpServerOptions { Store = store });
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("441 ", await PostAsync(client, "From: a@test", "Newsgroups: misc.test", "Subject: x", "", "b"));
        Assert.StartsWith("335 ", await client.CommandAsync("IHAVE <f@test>"));
        await client.SendRawAsync(TestServers.Raw("From: a@test", "Newsgroups: misc.test", "Subject: ih", "Message-ID: <f@test>", "", "b", "."));
        Assert.StartsWith("436 ", await client.ReadLineAsync());
        Assert.Equal("211 3 1 3 misc.test", await client.CommandAsync("GROUP misc.test"));
    }

    /// <summary>An in-memory store whose writes can be made to fail like a full disk.</summary>
    private sealed class FailingStore : Inet.Nntp.Server.IArticleStore
    {
        private readonly Inet.Nntp.Server.InMemoryArticleStore _inner = new();

        public bool Fail { get; set; }

        public string PathHost => _inner.PathHost;

        public IReadOnlyList<Inet.Nntp.Server.NntpServerGroup> GetGroups() => _inner.GetGroups();

        public Inet.Nntp.Server.NntpServerGroup? FindGroup(string name) => _inner.FindGroup(name);

        public ValueTask<Inet.Nntp.Server.NntpServerGroup> CreateGroupAsync(string name, string? description = null, bool postingAllowed = true, CancellationToken cancellationToken = default)
            => _inner.CreateGroupAsync(name, description, postingAllowed, cancellationToken);

        public Inet.Nntp.Server.NntpServerArticle? FindArticle(string messageId) => _inner.FindArticle(messageId);

        public ValueTask<Inet.Nntp.Server.NntpServerArticle> AddAsync(Inet.Nntp.Server.NntpArticleDraft draft, CancellationToken cancellationToken = default)
            => Fail ? throw new IOException("No space left on device") : _inner.AddAsync(draft, cancellationToken);

        public IReadOnlyList<Inet.Nntp.Server.NntpServerArticle> GetArticlesSince(DateTimeOffset since) => _inner.GetArticlesSince(since);
    }
}
