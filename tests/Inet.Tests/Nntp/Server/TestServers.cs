using Inet.Nntp.Server;

// Not Inet.Tests.Nntp.Server: that namespace would hide the client tests' Server(...) helper.
namespace Inet.Tests.Nntp.EmbeddedServer;

/// <summary>Starts servers on a free loopback port with a small known set of groups and articles.</summary>
internal static class TestServers
{
    public const string DottedBody = "Hello\r\n.starts with a dot\r\n..two dots\r\nlast line\r\n";

    public static async Task<NntpServer> StartAsync(Action<NntpServerOptions>? configure = null, bool seed = true)
    {
        var options = new NntpServerOptions();
        configure?.Invoke(options);
        var server = new NntpServer(options);
        if (seed)
            await SeedAsync(server.Store);
        await server.StartAsync();
        return server;
    }

    /// <summary>
    /// misc.test: 1 &lt;a1@test&gt; "First" (dotted body), 2 &lt;a2@test&gt; "Second" (References a1),
    /// 3 &lt;a3@test&gt; "Tab\there"; alt.binaries.test: 1 &lt;bin1@test&gt; (yEnc-like); alt.empty: nothing.
    /// </summary>
    public static async Task SeedAsync(IArticleStore store)
    {
        await store.CreateGroupAsync("misc.test", "Miscellaneous tests");
        await store.CreateGroupAsync("alt.binaries.test", "Binary tests");
        await store.CreateGroupAsync("alt.empty", "Nothing here");
        await store.AddArticleAsync("misc.test", "First", DottedBody, "<a1@test>");
        await store.AddArticleAsync(Raw(
            "From: B <b@test>", "Newsgroups: misc.test", "Subject: Second", "Message-ID: <a2@test>",
            "References: <a1@test>", "", "Reply body"));
        await store.AddArticleAsync(Raw(
            "From: C <c@test>", "Newsgroups: misc.test", "Subject: Tab\there", "Message-ID: <a3@test>",
            "", "Third body", "second line"));
        await store.AddArticleAsync("alt.binaries.test", "file.bin (1/1)",
            "=ybegin line=128 size=10 name=file.bin\r\nABCDEFGHIJ\r\n=yend size=10\r\n", "<bin1@test>");
    }

    public static byte[] Raw(params string[] lines) => System.Text.Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");
}
