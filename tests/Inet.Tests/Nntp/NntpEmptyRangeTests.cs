using Inet.Nntp;
using static Inet.Tests.Nntp.NntpTestHelpers;

namespace Inet.Tests.Nntp;

/// <summary>
/// A range with no articles in it is an empty listing (OVER/HDR yield nothing), while a missing
/// single article (by message-id, or the current one) is still a refusal.
/// </summary>
public class NntpEmptyRangeTests
{
    private const string EmptyGroup = "C: GROUP empty.group\nS: 211 0 1 0 empty.group\n";

    [Fact]
    public async Task Over_Range423_YieldsNothing_ConnectionStaysInStep()
    {
        await using var server = Server(EmptyGroup + """
            C: LIST OVERVIEW.FMT
            S: 503 no
            C: OVER 1-
            S: 423 No articles in 1-
            C: DATE
            S: 111 20240102030405
            """);
        await using var client = await Connect(server);
        await client.GroupAsync("empty.group");

        Assert.Empty(await client.OverAsync(ArticleRange.From(1)).ToListAsync());
        Assert.Equal(2024, (await client.DateAsync()).Year);
        await server.Completion;
    }

    [Fact]
    public async Task XOverFallback_Range420_YieldsNothing()
    {
        await using var server = Server(EmptyGroup + """
            C: LIST OVERVIEW.FMT
            S: 503 no
            C: OVER 5-9
            S: 500 What?
            C: XOVER 5-9
            S: 420 No article(s) selected
            """);
        await using var client = await Connect(server);
        await client.GroupAsync("empty.group");

        Assert.Empty(await client.OverAsync(ArticleRange.Between(5, 9)).ToListAsync());
        await server.Completion;
    }

    [Fact]
    public async Task Over_NoRange_CurrentArticleMissing_StillThrows()
    {
        await using var server = Server(EmptyGroup + """
            C: LIST OVERVIEW.FMT
            S: 503 no
            C: OVER
            S: 420 Current article number 0 is invalid
            """);
        await using var client = await Connect(server);
        await client.GroupAsync("empty.group");

        var error = await Assert.ThrowsAsync<NntpNoSuchArticleException>(() => client.OverAsync().ToListAsync());
        Assert.Equal(420, error.Code);
        await server.Completion;
    }

    [Fact]
    public async Task Over_MessageIdMissing_StillThrows430()
    {
        await using var server = Server("""
            C: LIST OVERVIEW.FMT
            S: 503 no
            C: OVER <gone@x>
            S: 430 No such article
            """);
        await using var client = await Connect(server);

        var error = await Assert.ThrowsAsync<NntpNoSuchArticleException>(() => client.OverAsync(ArticleId.ByMessageId("<gone@x>")).ToListAsync());
        Assert.Equal(430, error.Code);
        await server.Completion;
    }

    [Fact]
    public async Task Hdr_Range423_YieldsNothing_ConnectionStaysInStep()
    {
        await using var server = Server(EmptyGroup + """
            C: HDR Subject 1-
            S: 423 No articles in 1-
            C: HDR Subject 3
            S: 423 No articles in 3
            C: HDR Subject 7-
            S: 423 No articles in 7-
            C: DATE
            S: 111 20240102030405
            """);
        await using var client = await Connect(server);
        await client.GroupAsync("empty.group");

        Assert.Empty(await client.HdrAsync("Subject", ArticleRange.From(1)).ToListAsync());
        Assert.Empty(await client.HdrAsync("Subject", ArticleRange.Single(3)).ToListAsync());
        Assert.Equal(0, await client.CopyHdrToAsync("Subject", ArticleRange.From(7), Stream.Null));
        Assert.Equal(2024, (await client.DateAsync()).Year);
        await server.Completion;
    }

    [Fact]
    public async Task XHdrFallback_Range420_YieldsNothing()
    {
        await using var server = Server(EmptyGroup + """
            C: HDR Subject 1-
            S: 500 What?
            C: XHDR Subject 1-
            S: 420 No article(s) selected
            """);
        await using var client = await Connect(server);
        await client.GroupAsync("empty.group");

        Assert.Empty(await client.HdrAsync("Subject", ArticleRange.From(1)).ToListAsync());
        await server.Completion;
    }

    [Fact]
    public async Task Hdr_MessageIdMissing_StillThrows430()
    {
        await using var server = Server("""
            C: HDR Subject <gone@x>
            S: 430 No such article
            """);
        await using var client = await Connect(server);

        var error = await Assert.ThrowsAsync<NntpNoSuchArticleException>(() => client.HdrAsync("Subject", ArticleId.ByMessageId("<gone@x>")).ToListAsync());
        Assert.Equal(430, error.Code);
        await server.Completion;
    }

    [Fact]
    public async Task Over_RangeRefusedForAnotherReason_StillThrows()
    {
        await using var server = Server("""
            C: LIST OVERVIEW.FMT
            S: 503 no
            C: OVER 1-
            S: 412 No newsgroup selected
            """);
        await using var client = await Connect(server);

        await Assert.ThrowsAsync<NntpNoGroupSelectedException>(() => client.OverAsync(ArticleRange.From(1)).ToListAsync());
        await server.Completion;
    }
}
