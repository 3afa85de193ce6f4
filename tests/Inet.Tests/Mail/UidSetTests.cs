using Inet.Mail;

namespace Inet.Tests.Mail;

public class UidSetTests
{
    [Fact]
    public void Add_InAnyOrder_MergesIntoRanges()
    {
        var set = new UidSet();
        foreach (var uid in new uint[] { 5, 3, 1, 2, 4, 502, 10, 9 })
            Assert.True(set.Add(uid));
        Assert.False(set.Add(3));
        Assert.Equal("1:5,9:10,502", set.ToString());
        Assert.True(set.Contains(4));
        Assert.False(set.Contains(6));
        Assert.False(set.Contains(501));
    }

    [Fact]
    public void Parse_RoundTrips()
    {
        var text = "1:500,502,600:4294967295";
        var set = UidSet.Parse(text);
        Assert.Equal(text, set.ToString());
        Assert.Equal(3, set.RangeCount);
        Assert.True(set.Contains(uint.MaxValue));
        Assert.Equal("", UidSet.Parse("").ToString());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("5:3")]
    [InlineData("3,2")]
    [InlineData("1:5,5")]
    [InlineData("a")]
    [InlineData("1,,2")]
    [InlineData("-1")]
    public void Parse_Malformed_Throws(string text) => Assert.Throws<FormatException>(() => UidSet.Parse(text));
}
