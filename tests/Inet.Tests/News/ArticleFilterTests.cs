using Inet.News.Robot;
using Inet.Nntp;

namespace Inet.Tests.News;

public class ArticleFilterTests
{
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static OverviewRecord Record(string subject = "\"a.bin\" yEnc (1/2)", long bytes = 1000, string from = "poster@example.com", string date = "Fri, 31 May 2024 12:00:00 +0000") =>
        new(1, subject, from, date, "<1@x>", "", bytes, 10, []);

    [Fact]
    public void Size_Bounds()
    {
        var f = new ArticleFilter { MinSize = 500, MaxSize = 2000 };
        Assert.True(f.Matches(Record(bytes: 1000), Now));
        Assert.False(f.Matches(Record(bytes: 499), Now));
        Assert.False(f.Matches(Record(bytes: 2001), Now));
    }

    [Fact]
    public void Subject_From_Exclude()
    {
        var f = new ArticleFilter { Subject = ArticleFilter.Pattern(@"\.bin"), From = ArticleFilter.Pattern("@example\\.com$"), ExcludeSubject = ArticleFilter.Pattern("sample") };
        Assert.True(f.Matches(Record(), Now));
        Assert.False(f.Matches(Record(subject: "a.txt"), Now));
        Assert.False(f.Matches(Record(from: "x@other.org"), Now));
        Assert.False(f.Matches(Record(subject: "sample.bin"), Now));
    }

    [Fact]
    public void Subject_MatchesDecodedRfc2047()
    {
        var f = new ArticleFilter { Subject = ArticleFilter.Pattern("Wörld") };
        Assert.True(f.Matches(Record(subject: "=?UTF-8?B?SGVsbG8gV8O2cmxk?="), Now));
    }

    [Fact]
    public void NewerThan_UsesOverviewDate_UnparseableDateExcluded()
    {
        var f = new ArticleFilter { NewerThan = ArticleFilter.ParseAge("1d") };
        Assert.True(f.Matches(Record(), Now));
        Assert.False(f.Matches(Record(date: "Mon, 1 Jan 2024 00:00:00 +0000"), Now));
        Assert.False(f.Matches(Record(date: "garbage"), Now));
    }

    [Theory]
    [InlineData("500k", 512000)]
    [InlineData("2M", 2097152)]
    [InlineData("750000", 750000)]
    public void ParseSize(string text, long expected) => Assert.Equal(expected, ArticleFilter.ParseSize(text));

    [Fact]
    public void ParseFile_RulesAndLineNumberedErrors()
    {
        var f = ArticleFilter.ParseFile("# rules\nmin-size: 1k\nsubject: yEnc\nnewer-than: 2w\n");
        Assert.Equal(1024, f.MinSize);
        Assert.Equal(TimeSpan.FromDays(14), f.NewerThan);
        var error = Assert.Throws<FormatException>(() => ArticleFilter.ParseFile("min-size: 1k\nbogus: 1\n"));
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => ArticleFilter.ParseFile("subject: ([unclosed\n"));
    }
}
