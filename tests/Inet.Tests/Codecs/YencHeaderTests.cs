using Inet.Codecs.Yenc;
using static Inet.Tests.Codecs.YencTestData;

namespace Inet.Tests.Codecs;

public class YencHeaderTests
{
    [Fact]
    public void Begin_SinglePart_ParsesAllKeys()
    {
        Assert.True(YencBeginLine.TryParse(Ascii("=ybegin line=128 size=123456 name=my file.bin\r\n"), out var b));
        Assert.Equal(new YencBeginLine(128, 123456, "my file.bin", 0, 0), b);
        Assert.False(b.IsMultipart);
    }

    [Fact]
    public void Begin_Multipart_KeysInAnyOrder_NameLastWithSpacesAndEquals()
    {
        Assert.True(YencBeginLine.TryParse(Ascii("=ybegin total=10 part=3 size=500000 line=128 name=a b=c size=9.txt"), out var b));
        Assert.Equal(new YencBeginLine(128, 500000, "a b=c size=9.txt", 3, 10), b);
    }

    [Fact]
    public void Begin_LfOnly_ExtraKeys_ExtraSpaces()
    {
        Assert.True(YencBeginLine.TryParse(Ascii("=ybegin  part=1  line=128 crc32=deadbeef foo=bar size=10 name=x.bin  \n"), out var b));
        Assert.Equal("x.bin", b.Name);
        Assert.Equal(10, b.Size);
        Assert.Equal(1, b.Part);
    }

    [Fact]
    public void Begin_MissingLine_IsTolerated()
    {
        Assert.True(YencBeginLine.TryParse(Ascii("=ybegin size=5 name=a"), out var b));
        Assert.Equal(0, b.Line);
    }

    [Theory]
    [InlineData("=ybegin line=128 name=a")]
    [InlineData("=ybegin line=128 size=10")]
    [InlineData("=ybegin line=128 size=-1 name=a")]
    [InlineData("=ybegin line=128 size=99999999999999999999 name=a")]
    [InlineData("=ybeginx size=1 name=a")]
    [InlineData("=yend size=1")]
    [InlineData("")]
    public void Begin_Invalid_ReturnsFalse(string line) => Assert.False(YencBeginLine.TryParse(Ascii(line), out _));

    [Fact]
    public void Begin_NameKeyInsideOtherValue_IsNotTheName()
    {
        // "xname=" is not "name=": keys start a word.
        Assert.True(YencBeginLine.TryParse(Ascii("=ybegin xname=evil size=3 name=good"), out var b));
        Assert.Equal("good", b.Name);
    }

    [Fact]
    public void Begin_HostileName_IsReportedVerbatim()
    {
        Assert.True(YencBeginLine.TryParse(Ascii("=ybegin size=3 name=../../etc/passwd"), out var b));
        Assert.Equal("../../etc/passwd", b.Name);
        Assert.True(YencBeginLine.TryParse("=ybegin size=3 name=caf\u00e9.txt"u8, out var u));
        Assert.Equal("caf\u00e9.txt", u.Name);
        Assert.True(YencBeginLine.TryParse(Ascii("=ybegin size=3 name=caf\u00e9.txt"), out var latin1));
        Assert.Equal("caf\u00e9.txt", latin1.Name);
    }

    [Fact]
    public void Part_ParsesRange()
    {
        Assert.True(YencPartLine.TryParse(Ascii("=ypart begin=11251 end=22500\r\n"), out var p));
        Assert.Equal(new YencPartLine(11251, 22500), p);
        Assert.Equal(11250, p.Length);
        Assert.Equal(11250, p.Offset);
        Assert.False(YencPartLine.TryParse(Ascii("=ypart begin=1"), out _));
    }

    [Fact]
    public void End_ParsesCrcsWithoutConfusingThem()
    {
        Assert.True(YencEndLine.TryParse(Ascii("=yend size=11250 part=1 pcrc32=bfae5c0b crc32=ABCDEF12\r\n"), out var e));
        Assert.Equal(new YencEndLine(11250, 1, 0xbfae5c0b, 0xabcdef12), e);
        Assert.True(YencEndLine.TryParse(Ascii("=yend size=5 pcrc32=0x1f"), out var short_));
        Assert.Equal(0x1fu, short_.PartCrc32);
        Assert.Null(short_.Crc32);
    }

    [Theory]
    [InlineData("=yend part=1")]
    [InlineData("=yend size=12 crc32=xyz")]
    public void End_BadValues(string line)
    {
        var ok = YencEndLine.TryParse(Ascii(line), out var e);
        Assert.True(!ok || e.Crc32 is null);
    }
}
