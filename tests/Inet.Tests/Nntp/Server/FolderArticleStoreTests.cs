using Inet.Nntp.Server;

namespace Inet.Tests.Nntp.EmbeddedServer;

public sealed class FolderArticleStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "inet-nntp-store-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task PostedArticles_SurviveARestart()
    {
        using (var store = await FolderArticleStore.OpenAsync(_folder))
        {
            await TestServers.SeedAsync(store);
            await using var server = await NntpServer.StartNewAsync(new NntpServerOptions { Store = store });
            await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
            Assert.StartsWith("340 ", await client.CommandAsync("POST"));
            await client.SendRawAsync(TestServers.Raw("From: a@test", "Newsgroups: misc.test,alt.empty", "Subject: kept", "Message-ID: <kept@test>", "", "..dotted", "."));
            Assert.StartsWith("240 ", await client.ReadLineAsync());
        }

        using var reopened = await FolderArticleStore.OpenAsync(_folder);
        Assert.Equal(["alt.binaries.test", "alt.empty", "misc.test"], reopened.GetGroups().Select(g => g.Name));
        Assert.Equal("Miscellaneous tests", reopened.FindGroup("misc.test")!.Description);
        await using var again = await NntpServer.StartNewAsync(new NntpServerOptions { Store = reopened });
        await using var reader = await RawNntpClient.ConnectAsync(again.EndPoint);
        Assert.Equal("211 4 1 4 misc.test", await reader.CommandAsync("GROUP misc.test"));
        Assert.StartsWith("222 4 <kept@test>", await reader.CommandAsync("BODY 4"));
        Assert.Equal([".dotted"], await reader.ReadBlockAsync());
        Assert.Equal("211 1 1 1 alt.empty", await reader.CommandAsync("GROUP alt.empty"));
        var (_, head) = await reader.MultiAsync("HEAD 1");
        Assert.Single(head, h => h == "Xref: localhost misc.test:4 alt.empty:1");
        Assert.StartsWith("222 0 <a1@test>", await reader.CommandAsync("BODY <a1@test>"));
        Assert.Equal(TestServers.DottedBody, System.Text.Encoding.ASCII.GetString(await reader.ReadBlockBytesAsync()));
    }

    [Fact]
    public async Task NewArticlesAfterRestart_ContinueNumbering_AndDuplicatesAreRejected()
    {
        using (var store = await FolderArticleStore.OpenAsync(_folder))
        {
            await store.CreateGroupAsync("local.test");
            await store.AddArticleAsync("local.test", "one", "1", "<one@test>");
        }
        using var reopened = await FolderArticleStore.OpenAsync(_folder);
        var second = await reopened.AddArticleAsync("local.test", "two", "2", "<two@test>");
        Assert.Equal(new NntpArticleLocation("local.test", 2), Assert.Single(second.Locations));
        await Assert.ThrowsAsync<NntpArticleRejectedException>(async () => await reopened.AddArticleAsync("local.test", "again", "x", "<one@test>"));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(_folder, "articles"), "*.eml").Length);
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder, "articles"), "*.tmp"));
    }

    [Fact]
    public async Task TruncatedIndexLine_IsIgnored()
    {
        using (var store = await FolderArticleStore.OpenAsync(_folder))
        {
            await store.CreateGroupAsync("local.test");
            await store.AddArticleAsync("local.test", "one", "1", "<one@test>");
        }
        await File.AppendAllTextAsync(Path.Combine(_folder, "index.tsv"), "2\t17000");
        using var reopened = await FolderArticleStore.OpenAsync(_folder);
        Assert.Equal(1, reopened.FindGroup("local.test")!.Count);
        var next = await reopened.AddArticleAsync("local.test", "two", "2", "<two@test>");
        Assert.Equal(2, next.Locations[0].Number);
    }
}
