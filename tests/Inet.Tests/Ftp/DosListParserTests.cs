using Inet.Ftp;

namespace Inet.Tests.Ftp;

public sealed class DosListParserTests
{
    private static FtpItem Parse(string line) => UnixListParserTests.Parse(line);

    private static DateTimeOffset Utc(int y, int mo, int d, int h, int mi) => new(y, mo, d, h, mi, 0, TimeSpan.Zero);

    [Fact]
    public void Iis_Directory()
    {
        var item = Parse("02-14-12  11:17AM       <DIR>          aspnet_client");

        Assert.Equal(new FtpItem("aspnet_client", FtpItemType.Directory) { Modified = Utc(2012, 2, 14, 11, 17) }, item);
    }

    [Fact]
    public void Iis_FileWithSize()
    {
        var item = Parse("02-14-12  03:05PM                  689 iisstart.htm");

        Assert.Equal(("iisstart.htm", FtpItemType.File, 689L, Utc(2012, 2, 14, 15, 5)), (item.Name, item.Type, item.Size, item.Modified));
        Assert.Null(item.Permissions);
        Assert.Empty(item.Facts);
    }

    [Fact]
    public void Iis_FourDigitYears_AndSpacesInName()
    {
        var item = Parse("10-19-2020  03:19PM           5000000000 Big Backup (1).zip");

        Assert.Equal(("Big Backup (1).zip", 5_000_000_000L, Utc(2020, 10, 19, 15, 19)), (item.Name, item.Size, item.Modified));
    }

    [Theory]
    [InlineData("01-01-24  12:00AM       <DIR>          x", 0)]
    [InlineData("01-01-24  12:30PM       <DIR>          x", 12)]
    [InlineData("01-01-24  01:30pm       <DIR>          x", 13)]
    [InlineData("01-01-24  1:30 PM       <DIR>          x", 13)]
    [InlineData("01-01-24  23:45       <DIR>          x", 23)]
    [InlineData("01-01-24  00:05       <DIR>          x", 0)]
    public void Hours_TwelveAndTwentyFourHourClocks(string line, int hour)
    {
        Assert.Equal(hour, Parse(line).Modified!.Value.Hour);
    }

    [Theory]
    [InlineData("01-01-69  10:00AM 1 x", 2069)]
    [InlineData("01-01-70  10:00AM 1 x", 1970)]
    [InlineData("01-01-99  10:00AM 1 x", 1999)]
    [InlineData("01/01/2024  10:00 1 x", 2024)]
    public void TwoDigitYears_PivotAt70(string line, int year)
    {
        Assert.Equal(year, Parse(line).Modified!.Value.Year);
    }

    [Theory]
    [InlineData("-leading dash")]
    [InlineData("#hash")]
    [InlineData("%percent")]
    [InlineData("Übersicht 日本.txt")]
    public void OddNames_AreKept(string name)
    {
        Assert.Equal(name, Parse("02-14-12  03:05PM                  689 " + name).Name);
    }

    [Fact]
    public void DotEntries_AreCurrentAndParent()
    {
        Assert.Equal(FtpItemType.CurrentDirectory, Parse("02-14-12  11:17AM       <DIR>          .").Type);
        Assert.Equal(FtpItemType.ParentDirectory, Parse("02-14-12  11:17AM       <DIR>          ..").Type);
    }

    [Fact]
    public void Junction_WithTarget()
    {
        var item = Parse(@"02-14-12  11:17AM    <JUNCTION>     Application Data [C:\Users\x\AppData\Roaming]");

        Assert.Equal(("Application Data", FtpItemType.Link, @"C:\Users\x\AppData\Roaming"), (item.Name, item.Type, item.LinkTarget));
    }

    [Theory]
    [InlineData("02-14-12")]
    [InlineData("02-14-12  11:17AM")]
    [InlineData("02-14-12  11:17AM       <DIR>")]
    [InlineData("02-14-12  11:17AM       <DIR>          ")]
    [InlineData("02-14-12  11:17AM       <FOO>          x")]
    [InlineData("13-14-12  11:17AM       <DIR>          x")]
    [InlineData("02-30-12  11:17AM       <DIR>          x")]
    [InlineData("02-14-123  11:17AM       <DIR>          x")]
    [InlineData("02-14-12  13:17AM       <DIR>          x")]
    [InlineData("02-14-12  00:17PM       <DIR>          x")]
    [InlineData("02-14-12  25:17       <DIR>          x")]
    [InlineData("02-14-12  11:17AM       99999999999999999999 x")]
    [InlineData("02-14-12  11:17AM       -5 x")]
    [InlineData("02.14.12  11:17AM       <DIR>          x")]
    [InlineData("02-14/12  11:17AM       <DIR>          x")]
    [InlineData("226 Transfer complete")]
    [InlineData("0")]
    public void MalformedLines_ReturnFalse(string line)
    {
        Assert.False(ListParser.TryParse(line, UnixListParserTests.Now, out _));
    }

    [Fact]
    public void EveryPrefix_NeverThrows_AndNoneCutBeforeTheNameParses()
    {
        const string line = "02-14-12  03:05PM                  689 iisstart.htm";
        var nameStart = line.IndexOf("iis", StringComparison.Ordinal);
        for (var i = 0; i <= line.Length; i++)
            Assert.Equal(i > nameStart, ListParser.TryParse(line.AsSpan(0, i), UnixListParserTests.Now, out _));
    }
}
