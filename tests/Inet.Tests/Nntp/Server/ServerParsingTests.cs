using Inet.Nntp.Server;

namespace Inet.Tests.Nntp.EmbeddedServer;

public sealed class ServerParsingTests
{
    [Theory]
    [InlineData("*", "misc.test", true)]
    [InlineData("misc.*", "misc.test", true)]
    [InlineData("misc.*", "alt.test", false)]
    [InlineData("alt.*,!alt.bin*", "alt.binaries.x", false)]
    [InlineData("alt.*,!alt.bin*", "alt.test", true)]
    [InlineData("!alt.*,alt.test", "alt.test", true)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "abbc", false)]
    [InlineData("*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false)]
    public void Wildmat_MatchesRfc3977Semantics(string pattern, string name, bool expected)
        => Assert.Equal(expected, Wildmat.IsMatch(pattern, name));

    [Theory]
    [InlineData("5", 5, 5)]
    [InlineData("5-", 5, long.MaxValue)]
    [InlineData("5-9", 5, 9)]
    public void RangeArgument_ParsesAllForms(string text, long low, long high)
    {
        Assert.True(RangeArgument.TryParse(text, out var range));
        Assert.Equal(new RangeArgument(low, high), range);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-5")]
    [InlineData("a-b")]
    [InlineData("1-2-3")]
    [InlineData("99999999999999999")]
    public void RangeArgument_RejectsGarbage(string text) => Assert.False(RangeArgument.TryParse(text, out _));

    [Fact]
    public void DateArgument_TwoDigitYear_PicksNearestPastCentury()
    {
        var now = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.True(NntpDateArgument.TryParse("260101", "120000", null, now, out var a));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero), a);
        Assert.True(NntpDateArgument.TryParse("990101", "000000", "GMT", now, out var b));
        Assert.Equal(1999, b.Year);
        Assert.False(NntpDateArgument.TryParse("20260230", "000000", null, now, out _));
        Assert.False(NntpDateArgument.TryParse("20260101", "250000", null, now, out _));
    }

    [Fact]
    public void Draft_LfOnlyInput_IsNormalisedAndMissingHeadersGenerated()
    {
        var draft = NntpArticleDraft.Parse("From: a@b\nNewsgroups: x.y, x.z,x.y\nSubject: s\n  folded\n\nline1\nline2"u8, "host.test", DateTimeOffset.UnixEpoch);
        Assert.Equal(["x.y", "x.z"], draft.Newsgroups);
        Assert.EndsWith("@host.test>", draft.MessageId, StringComparison.Ordinal);
        Assert.Contains(draft.Headers, h => h is { Name: "Subject", Value: "s  folded" });
        Assert.Contains(draft.Headers, h => h is { Name: "Date", Value: "Thu, 01 Jan 1970 00:00:00 +0000" });
        Assert.Contains(draft.Headers, h => h is { Name: "Path", Value: "host.test!not-for-mail" });
    }

    [Fact]
    public async Task StoredArticle_BytesLinesAndRawRoundTrip()
    {
        var store = new InMemoryArticleStore("h");
        await store.CreateGroupAsync("g.one");
        var article = await store.AddArticleAsync(TestServers.Raw("From: a@b", "Newsgroups: g.one", "Subject: s", "Message-ID: <m@h>", "", ".a", "b"));
        byte[] raw = article.ToRawArticle();
        Assert.Equal(article.Bytes, raw.Length);
        Assert.Equal(2, article.Lines);
        Assert.EndsWith("Xref: h g.one:1\r\n\r\n.a\r\nb\r\n", System.Text.Encoding.ASCII.GetString(raw), StringComparison.Ordinal);
        Assert.Equal("..a\r\nb\r\n", System.Text.Encoding.ASCII.GetString(article.WireBody.Span));
    }

    [Theory]
    [InlineData("From: a@b\r\nNewsgroups: g\r\nSubject: s\0x\r\n\r\nbody\r\n")]
    [InlineData("From: a@b\r\nNewsgroups: g\r\nSubject: s\rx\r\n\r\nbody\r\n")]
    [InlineData(" folded first\r\nFrom: a@b\r\nNewsgroups: g\r\nSubject: s\r\n\r\nbody\r\n")]
    [InlineData("From: a@b\r\nNewsgroups: g,,bad group\r\nSubject: s\r\n\r\nbody\r\n")]
    [InlineData("From: a@b\r\nNewsgroups: g\r\nSubject: s\r\nMessage-ID: <a b@c>\r\n\r\nbody\r\n")]
    public void Draft_MalformedHeaders_AreRejected(string article)
        => Assert.Throws<NntpArticleRejectedException>(() => NntpArticleDraft.Parse(System.Text.Encoding.UTF8.GetBytes(article), "h", DateTimeOffset.UnixEpoch));
}
