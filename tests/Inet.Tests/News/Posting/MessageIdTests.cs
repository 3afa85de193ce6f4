using Inet.News.Posting;

namespace Inet.Tests.News.Posting;

public sealed class MessageIdTests
{
    private static BinaryPostOptions With(string from, string? domain = null) =>
        new() { Newsgroups = ["a.b"], From = from, MessageIdDomain = domain };

    [Theory]
    [InlineData("Poster <poster@example.org>", "example.org")]
    [InlineData("poster@news.example.net", "news.example.net")]
    [InlineData("just a name", MessageIds.FallbackDomain)]
    [InlineData("x <x@[127.0.0.1]>", MessageIds.FallbackDomain)]
    public void Domain_ComesFromTheFromAddress_OrFallsBack(string from, string expected) =>
        Assert.Equal(expected, MessageIds.DomainFor(With(from)));

    [Fact]
    public void Domain_Configured_WinsAndIsChecked()
    {
        Assert.Equal("my.host", MessageIds.DomainFor(With("a@b.c", "my.host")));
        Assert.Throws<ArgumentException>(() => MessageIds.DomainFor(With("a@b.c", "bad>domain")));
    }

    [Fact]
    public void Create_IsUniqueAndWellFormed()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => MessageIds.Create("h.example")).ToList();
        Assert.Equal(1000, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^<[0-9a-f]{32}@h\\.example>$", id));
        Assert.All(ids, id => Assert.True(Inet.News.Nzb.MessageIdText.TryNormalize(id, out _)));
    }
}
