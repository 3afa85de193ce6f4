using Inet.Ftp;

namespace Inet.Tests.Ftp;

public sealed class UnixListParserTests
{
    internal static readonly DateTimeOffset Now = new(2025, 3, 15, 12, 0, 0, TimeSpan.Zero);

    internal static FtpItem Parse(string line, DateTimeOffset? now = null)
    {
        Assert.True(ListParser.TryParse(line, now ?? Now, out var item), line);
        return item;
    }

    private static DateTimeOffset Utc(int y, int mo, int d, int h = 0, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.Zero);

    [Fact]
    public void Vsftpd_NumericIdsZeroPaddedDay_ParsesEveryColumn()
    {
        var item = Parse("-rw-r--r--    1 0        0              16 Mar 03 10:15 anon.txt");

        Assert.Equal(new FtpItem("anon.txt", FtpItemType.File)
        {
            Size = 16, Modified = Utc(2025, 3, 3, 10, 15), Permissions = "rw-r--r--", UnixMode = Convert.ToInt32("644", 8),
        }, item);
    }

    [Fact]
    public void Vsftpd_DirectoryWithYear_IsMidnightOfThatDay()
    {
        var item = Parse("drwxr-xr-x    2 1000     1000         4096 Jan 10  2023 pub");

        Assert.Equal(("pub", FtpItemType.Directory, 4096L, Utc(2023, 1, 10)), (item.Name, item.Type, item.Size, item.Modified));
        Assert.Equal(Convert.ToInt32("755", 8), item.UnixMode);
    }

    [Fact]
    public void PureFtpd_DotEntries_AreCurrentAndParent()
    {
        var self = Parse("drwxr-xr-x    2 1000       1000             4096 Jan  5 09:12 .");
        var parent = Parse("drwxr-xr-x    5 1000       1000             4096 Dec 30 18:01 ..");

        Assert.Equal((".", FtpItemType.CurrentDirectory, Utc(2025, 1, 5, 9, 12)), (self.Name, self.Type, self.Modified));
        Assert.Equal(("..", FtpItemType.ParentDirectory, Utc(2024, 12, 30, 18, 1)), (parent.Name, parent.Type, parent.Modified));
    }

    [Fact]
    public void PureFtpd_File_WideColumns()
    {
        var item = Parse("-rw-r--r--    1 1000       1000               11 Jan  5 09:12 user.txt");

        Assert.Equal(("user.txt", 11L), (item.Name, item.Size));
    }

    [Fact]
    public void ProFtpd_NamedOwners()
    {
        Assert.Equal(Utc(2024, 12, 31, 23, 59), Parse("-rw-r--r--   1 ftp      ftp          1234 Dec 31 23:59 notes.txt").Modified);
        Assert.Equal(Utc(2021, 6, 18), Parse("drwxr-xr-x   3 ftp      ftp          4096 Jun 18  2021 archive").Modified);
    }

    [Fact]
    public void FileZillaServer_SingleSpacedColumnsAndSpacesInName()
    {
        var item = Parse("drwxr-xr-x 1 ftp ftp              0 Mar 14  2019 Folder With Spaces");

        Assert.Equal(("Folder With Spaces", FtpItemType.Directory, 0L), (item.Name, item.Type, item.Size));
        Assert.Equal("file.zip", Parse("-rw-r--r-- 1 ftp ftp         123456 Jan 01 12:00 file.zip").Name);
    }

    [Fact]
    public void Busybox_RootOwned()
    {
        var item = Parse("-rw-r--r--    1 root     root           245 Jan  1 00:00 busybox.conf");

        Assert.Equal(("busybox.conf", 245L, Utc(2025, 1, 1)), (item.Name, item.Size, item.Modified));
    }

    [Fact]
    public void NoGroupColumn_StillFindsSize()
    {
        var item = Parse("-rw-r--r--   1 owner        5120 Feb  2 08:00 nogroup.bin");

        Assert.Equal(("nogroup.bin", 5120L), (item.Name, item.Size));
    }

    [Fact]
    public void NoLinkCountColumn_StillFindsSize()
    {
        Assert.Equal(77L, Parse("-rw-r--r-- owner group 77 Feb  2 08:00 nolinks").Size);
    }

    [Fact]
    public void SizeOver4GiB_IsKept()
    {
        Assert.Equal(5_000_000_000_000L, Parse("-rw-r--r--    1 0 0 5000000000000 Jan 10  2023 big.iso").Size);
        Assert.Equal(long.MaxValue, Parse($"-rw-r--r--    1 0 0 {long.MaxValue} Jan 10  2023 max").Size);
    }

    [Theory]
    [InlineData("crw-rw-rw-    1 root     root       1,   3 Jan  1  2020 null")]
    [InlineData("crw-rw-rw-    1 root     root         1,3 Jan  1  2020 null")]
    [InlineData("brw-rw----    1 root     disk       8,   0 Jan  1  2020 null")]
    public void Devices_HaveNoSize(string line)
    {
        var item = Parse(line);

        Assert.Equal(("null", FtpItemType.Other, (long?)null), (item.Name, item.Type, item.Size));
    }

    [Theory]
    [InlineData("-rw-r--r--+   1 user group 12 Jan 10  2023 acl")]
    [InlineData("-rw-r--r--.   1 user group 12 Jan 10  2023 acl")]
    [InlineData("-rw-r--r--@   1 user group 12 Jan 10  2023 acl")]
    public void AclMarkers_AfterPermissions_AreIgnored(string line)
    {
        var item = Parse(line);

        Assert.Equal(("acl", "rw-r--r--", 12L), (item.Name, item.Permissions, item.Size));
    }

    [Fact]
    public void Symlink_SplitsNameAndTarget_TargetWithSpaces()
    {
        var item = Parse("lrwxrwxrwx    1 0        0               9 Mar 03 10:15 latest build -> pub/1.2.3 final");

        Assert.Equal(("latest build", FtpItemType.Link, "pub/1.2.3 final"), (item.Name, item.Type, item.LinkTarget));
    }

    [Fact]
    public void Symlink_WithoutArrow_HasNoTarget()
    {
        var item = Parse("lrwxrwxrwx    1 0        0               9 Mar 03 10:15 latest");

        Assert.Equal(("latest", FtpItemType.Link, (string?)null), (item.Name, item.Type, item.LinkTarget));
    }

    [Fact]
    public void ArrowInAFileName_IsPartOfTheName()
    {
        Assert.Equal("a -> b", Parse("-rw-r--r--    1 0 0 9 Mar 03 10:15 a -> b").Name);
    }

    [Theory]
    [InlineData("-leading-dash")]
    [InlineData("#hash")]
    [InlineData("%percent%")]
    [InlineData("  two leading spaces")]
    [InlineData("trailing space ")]
    [InlineData("Grüße – 日本語.txt")]
    [InlineData("semi;colon; name")]
    [InlineData("Jan 10  2023 looks like a date")]
    public void OddNames_AreKeptExactly(string name)
    {
        Assert.Equal(name, Parse("-rw-r--r--    1 0 0 9 Mar 03 10:15 " + name).Name);
        Assert.Equal(name, Parse("-rw-r--r--    1 0 0 9 Mar 03  2019 " + name).Name);
    }

    [Fact]
    public void SpecialBits_GiveSetuidSetgidSticky()
    {
        Assert.Equal(Convert.ToInt32("4755", 8), Parse("-rwsr-xr-x 1 0 0 9 Mar 03 10:15 su").UnixMode);
        Assert.Equal(Convert.ToInt32("2710", 8), Parse("-rwx--s--- 1 0 0 9 Mar 03 10:15 sg").UnixMode);
        Assert.Equal(Convert.ToInt32("1777", 8), Parse("drwxrwxrwt 1 0 0 9 Mar 03 10:15 tmp").UnixMode);
        Assert.Equal(Convert.ToInt32("7000", 8), Parse("---S--S--T 1 0 0 9 Mar 03 10:15 odd").UnixMode);
    }

    [Fact]
    public void CommonPermissions_AreSharedStrings()
    {
        var a = Parse("-rw-r--r-- 1 0 0 9 Mar 03 10:15 a").Permissions;
        var b = Parse("-rw-r--r-- 1 0 0 9 Mar 03 10:15 b").Permissions;

        Assert.Same(a, b);
    }

    [Fact]
    public void MonthNames_AnyCase()
    {
        Assert.Equal(Utc(2019, 12, 1), Parse("-rw-r--r-- 1 0 0 9 DEC  1  2019 x").Modified);
        Assert.Equal(Utc(2019, 9, 1), Parse("-rw-r--r-- 1 0 0 9 sep  1  2019 x").Modified);
    }

    [Theory]
    // now = 2025-03-15 12:00: a date no more than half a year ahead is this year, anything later last year.
    [InlineData("Mar 15 12:00", 2025)]
    [InlineData("Mar 16 09:00", 2025)] // a day ahead: server clock skew
    [InlineData("Sep 13 23:59", 2025)]
    [InlineData("Sep 15 12:01", 2024)]
    [InlineData("Dec 31 23:59", 2024)]
    [InlineData("Jan  1 00:00", 2025)]
    public void YearInference_LatestYearNotMoreThanHalfAYearAhead(string date, int year)
    {
        Assert.Equal(year, Parse($"-rw-r--r-- 1 0 0 9 {date} x").Modified!.Value.Year);
    }

    [Fact]
    public void YearInference_LateInTheYear_JanuaryIsNextYear()
    {
        var now = new DateTimeOffset(2024, 12, 20, 8, 0, 0, TimeSpan.Zero);

        Assert.Equal(2025, Parse("-rw-r--r-- 1 0 0 9 Jan  3 10:00 x", now).Modified!.Value.Year);
        Assert.Equal(2024, Parse("-rw-r--r-- 1 0 0 9 Jul  3 10:00 x", now).Modified!.Value.Year);
    }

    [Fact]
    public void YearInference_Feb29_GoesToALeapYear()
    {
        Assert.Equal(Utc(2024, 2, 29, 10, 0), Parse("-rw-r--r-- 1 0 0 9 Feb 29 10:00 x").Modified);
    }

    [Fact]
    public void YearInference_AtTheEndsOfTime_DoesNotThrow()
    {
        Assert.True(ListParser.TryParse("-rw-r--r-- 1 0 0 9 Dec 31 23:59 x", DateTimeOffset.MaxValue, out var late));
        Assert.Equal(9999, late.Modified!.Value.Year);
        Assert.True(ListParser.TryParse("-rw-r--r-- 1 0 0 9 Jan  1 00:00 x", DateTimeOffset.MinValue, out var early));
        Assert.Equal(1, early.Modified!.Value.Year);
        Assert.False(ListParser.TryParse("-rw-r--r-- 1 0 0 9 Dec 31 23:59 x", DateTimeOffset.MinValue, out _));
    }

    [Fact]
    public void IsoDates_OffsetPastTheCalendarsEnds_ReturnFalse()
    {
        Assert.False(ListParser.TryParse("-rw-r--r-- 1 u g 9 0001-01-01 00:00:00.0 +0200 x", Now, out _));
        Assert.False(ListParser.TryParse("-rw-r--r-- 1 u g 9 9999-12-31 23:59:59.0 -0200 x", Now, out _));
    }

    [Fact]
    public void IsoDates_LongIso()
    {
        var item = Parse("drwxr-xr-x   3 user  staff  96 2023-05-01 12:34 my dir");

        Assert.Equal(("my dir", Utc(2023, 5, 1, 12, 34)), (item.Name, item.Modified));
    }

    [Fact]
    public void IsoDates_FullIsoKeepsSecondsAndOffset()
    {
        var item = Parse("-rw-r--r-- 1 user staff 96 2023-05-01 12:34:56.123456789 +0200 f");

        Assert.Equal(("f", new DateTimeOffset(2023, 5, 1, 12, 34, 56, TimeSpan.FromHours(2))), (item.Name, item.Modified));
    }

    [Fact]
    public void IsoDates_IsoStyle_RecentAndOld()
    {
        Assert.Equal(Utc(2025, 2, 1, 9, 30), Parse("-rw-r--r-- 1 u g 96 02-01 09:30 recent").Modified);
        var old = Parse("-rw-r--r-- 1 u g 96 2019-03-15 old file");
        Assert.Equal(("old file", Utc(2019, 3, 15)), (old.Name, old.Modified));
    }

    [Fact]
    public void BsdFullTime_WithSecondsAndYear()
    {
        var item = Parse("-rw-r--r--  1 user  staff  96 Jan  1 12:34:56 2020 bsd");

        Assert.Equal(("bsd", new DateTimeOffset(2020, 1, 1, 12, 34, 56, TimeSpan.Zero)), (item.Name, item.Modified));
    }

    [Fact]
    public void OtherTypes_PipesAndSockets()
    {
        Assert.Equal(FtpItemType.Other, Parse("prw-r--r-- 1 0 0 0 Mar 03 10:15 fifo").Type);
        Assert.Equal(FtpItemType.Other, Parse("srwxrwxrwx 1 0 0 0 Mar 03 10:15 sock").Type);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-rw-r--r--")]
    [InlineData("-rw-r--r-- 1 0 0 9 Mar 03 10:15")]
    [InlineData("-rw-r--r-- 1 0 0 9 Mar 03 10:15 ")]
    [InlineData("-rw-r--r-- 1 0 0 9 Mar 03")]
    [InlineData("-rw-r--r-- 1 0 0 9 Mar")]
    [InlineData("-rw-r--r-- 1 0 0 9 Foo 03 10:15 x")]
    [InlineData("-rw-r--r-- 1 0 0 9 Feb 30  2020 x")]
    [InlineData("-rw-r--r-- 1 0 0 9 Mar 32 10:15 x")]
    [InlineData("-rw-r--r-- 1 0 0 9 Mar 03 24:00 x")]
    [InlineData("-rw-r--r-- 1 0 0 9 Mar 03 10:60 x")]
    [InlineData("-rw-r--r-- 1 0 0 99999999999999999999 Mar 03 10:15 x")]
    [InlineData("-rw-r--r-- 1 0 0 9223372036854775808 Mar 03 10:15 x")]
    [InlineData("-rw-r--r-- 1 0 0 -9 Mar 03 10:15 x")]
    [InlineData("-rw-r--r-- 1 0 0 0x10 Mar 03 10:15 x")]
    [InlineData("-rw-r--r-- 1 0 0 9 2023-02-30 10:15 x")]
    [InlineData("-rw-r--r-- 1 0 0 9 2023-13-01 10:15 x")]
    [InlineData("-rwxrwxrwz 1 0 0 9 Mar 03 10:15 x")]
    [InlineData("-rw-r--r--x 1 0 0 9 Mar 03 10:15 x")]
    [InlineData("qrw-r--r-- 1 0 0 9 Mar 03 10:15 x")]
    [InlineData("-rwtr--r-- 1 0 0 9 Mar 03 10:15 x")]
    [InlineData("-rw-r--r-- 1 0 0 9 Mar 03 10:15\tx")]
    [InlineData("total 1234")]
    [InlineData("550 No files found")]
    [InlineData("Hello world")]
    public void MalformedLines_ReturnFalse(string line)
    {
        Assert.False(ListParser.TryParse(line, Now, out var item));
        Assert.Null(item);
    }

    [Fact]
    public void EveryPrefix_NeverThrows_AndNoneCutBeforeTheNameParses()
    {
        const string line = "lrwxrwxrwx    1 0        0               9 Mar 03 10:15 latest -> pub/1.2.3";
        var nameStart = line.IndexOf("latest", StringComparison.Ordinal);
        for (var i = 0; i <= line.Length; i++)
        {
            var ok = ListParser.TryParse(line.AsSpan(0, i), Now, out var item);
            Assert.Equal(i > nameStart, ok);
            if (ok)
                Assert.StartsWith(item!.Name, line[nameStart..]);
        }
    }

    [Theory]
    [InlineData("total 0", true)]
    [InlineData("total 1234", true)]
    [InlineData("  total 4.0K  ", true)]
    [InlineData("", true)]
    [InlineData("   ", true)]
    [InlineData("total", false)]
    [InlineData("totally 5", false)]
    [InlineData("total x", false)]
    [InlineData("-rw-r--r-- 1 0 0 9 Mar 03 10:15 total 5", false)]
    public void IsSkippable_BlankAndTotalLines(string line, bool skippable)
    {
        Assert.Equal(skippable, ListParser.IsSkippable(line));
    }
}
