using Inet.Ftp;

namespace Inet.Tests.Ftp;

public class FtpReplyTextTests
{
    [Theory]
    [InlineData("\"/\" is current directory.", "/")]
    [InlineData("\"\" empty", "")]
    [InlineData("\"/a \"\"b\"\"\"", "/a \"b\"")]
    [InlineData("\"\"\"\"\"\" only quotes", "\"\"")]
    [InlineData("MKD command successful: \"/x y\"", "/x y")]
    public void TryParseQuotedPath_Valid(string text, string expected)
    {
        Assert.True(FtpReplyText.TryParseQuotedPath(text, out var path));
        Assert.Equal(expected, path);
    }

    [Theory]
    [InlineData("/home/joe")]
    [InlineData("\"/unterminated")]
    [InlineData("\"/ends with doubled\"\"")]
    [InlineData("")]
    public void TryParseQuotedPath_Invalid(string text) =>
        Assert.False(FtpReplyText.TryParseQuotedPath(text, out _));

    [Theory]
    [InlineData("20240229235958.1", 1_000_000)]
    [InlineData("20240229235958.1234567", 1_234_567)]
    [InlineData("20240229235958.123456789", 1_234_567)]
    public void TryParseTime_Fractions(string text, long ticks)
    {
        Assert.True(FtpReplyText.TryParseTime(text, out var time));
        Assert.Equal(ticks, time.Ticks - new DateTimeOffset(2024, 2, 29, 23, 59, 58, TimeSpan.Zero).Ticks);
        Assert.Equal(TimeSpan.Zero, time.Offset);
    }

    [Fact]
    public void TryParseTime_EndOfRange_NoOverflow()
    {
        Assert.True(FtpReplyText.TryParseTime("99991231235959.9999999", out var time));
        Assert.Equal(DateTimeOffset.MaxValue.UtcTicks, time.UtcTicks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2024")]
    [InlineData("20240230000000")]
    [InlineData("2024022923595x")]
    [InlineData("+2024022923595")]
    [InlineData("20240229235958.-1")]
    public void TryParseTime_Invalid(string text) => Assert.False(FtpReplyText.TryParseTime(text, out _));

    [Fact]
    public void FormatTime_ConvertsToUtc() =>
        Assert.Equal("20231231230000", FtpReplyText.FormatTime(new DateTimeOffset(2024, 1, 1, 1, 0, 0, TimeSpan.FromHours(2))));
}
