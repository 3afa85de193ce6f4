using System.Text;
using Inet.Core;

namespace Inet.Tests.Core;

public class ReplyParserTests
{
    [Theory]
    [InlineData("211 3 1 3 misc.test", 211, false, "3 1 3 misc.test")]
    [InlineData("250-first", 250, true, "first")]
    [InlineData("200", 200, false, "")]
    public void TryParse_ValidLines(string line, int code, bool continues, string text)
    {
        Assert.True(ReplyParser.TryParseStatusLine(Encoding.ASCII.GetBytes(line), out var c, out var more, out var t));
        Assert.Equal((code, continues, text), (c, more, t));
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("2x0 no")]
    [InlineData("600 too big")]
    [InlineData("099 too small")]
    [InlineData("2000 four digits")]
    [InlineData("")]
    public void TryParse_Garbage_ReturnsFalse(string line) =>
        Assert.False(ReplyParser.TryParseStatusLine(Encoding.ASCII.GetBytes(line), out _, out _, out _));

    [Theory]
    [InlineData(2, 250, true)]
    [InlineData(25, 251, true)]
    [InlineData(250, 251, false)]
    [InlineData(3, 250, false)]
    public void Matches_ByPrefix(int expected, int code, bool result) => Assert.Equal(result, new Reply(code, "").Matches(expected));
}
