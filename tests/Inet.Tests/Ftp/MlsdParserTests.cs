using Inet.Ftp;

namespace Inet.Tests.Ftp;

public sealed class MlsdParserTests
{
    private static FtpItem Parse(string line)
    {
        Assert.True(MlsdParser.TryParse(line, out var item), line);
        return item;
    }

    [Fact]
    public void PureFtpd_CdirAndFile()
    {
        var cdir = Parse("type=cdir;sizd=4096;modify=20240105091200;UNIX.mode=0755;UNIX.uid=1000;UNIX.gid=1000;unique=803g2c9a1; .");
        var file = Parse("type=file;size=11;modify=20240105091233;UNIX.mode=0644;UNIX.uid=1000;UNIX.gid=1000;unique=803g2c9b4; user.txt");

        Assert.Equal((".", FtpItemType.CurrentDirectory, Convert.ToInt32("755", 8), "803g2c9a1"), (cdir.Name, cdir.Type, cdir.UnixMode, cdir.UniqueId));
        Assert.Equal("4096", cdir.Facts["sizd"]);
        Assert.Equal(new FtpItem("user.txt", FtpItemType.File)
        {
            Size = 11,
            Modified = new DateTimeOffset(2024, 1, 5, 9, 12, 33, TimeSpan.Zero),
            UnixMode = Convert.ToInt32("644", 8),
            UniqueId = "803g2c9b4",
            Facts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["type"] = "file", ["size"] = "11", ["modify"] = "20240105091233", ["UNIX.mode"] = "0644",
                ["UNIX.uid"] = "1000", ["UNIX.gid"] = "1000", ["unique"] = "803g2c9b4",
            },
        }, file);
    }

    [Fact]
    public void ProFtpd_FactsInAnyOrder_PermKept()
    {
        var item = Parse("modify=20240105091200;perm=adfrw;size=11;type=file;unique=FD01U5E3F;UNIX.group=1000;UNIX.groupname=ftpuser;UNIX.mode=0644;UNIX.owner=1000;UNIX.ownername=ftpuser; user.txt");

        Assert.Equal(("user.txt", FtpItemType.File, 11L, "adfrw", "FD01U5E3F"), (item.Name, item.Type, item.Size, item.Permissions, item.UniqueId));
        Assert.Equal("ftpuser", item.Facts["unix.ownername"]);
    }

    [Fact]
    public void FileZillaServer_MillisecondsAndSpacesInName()
    {
        var item = Parse("type=file;size=1234;modify=20240105091200.123;perm=adfrw; report 2024.pdf");

        Assert.Equal("report 2024.pdf", item.Name);
        Assert.Equal(new DateTimeOffset(2024, 1, 5, 9, 12, 0, 123, TimeSpan.Zero), item.Modified);
    }

    [Fact]
    public void Rfc3659Examples_CaseInsensitiveFacts()
    {
        var pdir = Parse("Type=pdir;Modify=19990112030508;Perm=el; ..");
        var file = Parse("Type=file;Size=25730;Modify=19940728095854;Perm=; capmux.tar.z");
        var device = Parse("Type=OS.unix=chr-13/29;Modify=19990222235000;Perm=; console");

        Assert.Equal((FtpItemType.ParentDirectory, "el"), (pdir.Type, pdir.Permissions));
        Assert.Equal((25730L, ""), (file.Size, file.Permissions));
        Assert.Equal(FtpItemType.Other, device.Type);
        Assert.Equal("file", file.Facts["TYPE"]);
    }

    [Theory]
    [InlineData("type=OS.unix=symlink;size=9; latest", null)]
    [InlineData("type=OS.unix=slink:/srv/ftp/pub/1.2.3;size=9; latest", "/srv/ftp/pub/1.2.3")]
    [InlineData("type=os.UNIX=slink; latest", null)]
    public void Symlinks(string line, string? target)
    {
        var item = Parse(line);

        Assert.Equal(("latest", FtpItemType.Link, target), (item.Name, item.Type, item.LinkTarget));
    }

    [Theory]
    [InlineData("type=file;size=1; a; b;c", "a; b;c")]
    [InlineData("type=file;size=1;  leading space", " leading space")]
    [InlineData("type=file; -dash", "-dash")]
    [InlineData("type=file; #hash %percent", "#hash %percent")]
    [InlineData("type=file; Grüße 日本語", "Grüße 日本語")]
    [InlineData("type=file; type=dir; x", "type=dir; x")]
    [InlineData(" no facts", "no facts")]
    [InlineData("UNIX.ownername=Domain Users;type=file; x", "x")]
    public void Names_FollowTheFirstSemicolonSpace(string line, string name)
    {
        Assert.Equal(name, Parse(line).Name);
    }

    [Fact]
    public void NoTypeFact_IsOther()
    {
        Assert.Equal(FtpItemType.Other, Parse("size=3; x").Type);
    }

    [Theory]
    [InlineData("type=file;size=abc; x")]
    [InlineData("type=file;size=99999999999999999999; x")]
    [InlineData("type=file;size=-1; x")]
    [InlineData("type=file;modify=2024; x")]
    [InlineData("type=file;modify=20241305091200; x")]
    [InlineData("type=file;modify=20240230091200; x")]
    [InlineData("type=file;modify=20240105251200; x")]
    [InlineData("type=file;modify=20240105091200.; x")]
    [InlineData("type=file;modify=20240105091200x; x")]
    [InlineData("type=file;UNIX.mode=0999; x")]
    public void BadFactValues_LeaveThePropertyNull_ButKeepTheLine(string line)
    {
        var item = Parse(line);

        Assert.Equal(("x", FtpItemType.File), (item.Name, item.Type));
        Assert.Null(item.Size);
        Assert.Null(item.Modified);
        Assert.Null(item.UnixMode);
    }

    [Fact]
    public void ModifyFraction_LongerThanTicks_IsTruncated()
    {
        Assert.Equal(new DateTimeOffset(2024, 1, 5, 9, 12, 0, TimeSpan.Zero).AddTicks(1234567),
            Parse("type=file;modify=20240105091200.123456789; x").Modified);
    }

    [Fact]
    public void RepeatedFact_FirstCounts()
    {
        Assert.Equal(1L, Parse("size=1;SIZE=2;type=file; x").Size);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("type=file;size=1;")]
    [InlineData("type=file;size=1; ")]
    [InlineData("type=file;size=1 x")]
    [InlineData("typefile; x")]
    [InlineData("=file; x")]
    [InlineData("-rw-r--r-- 1 0 0 9 Mar 03 10:15 x")]
    public void MalformedLines_ReturnFalse(string line)
    {
        Assert.False(MlsdParser.TryParse(line, out var item));
        Assert.Null(item);
    }

    [Fact]
    public void EqualItems_CompareFactsByContent()
    {
        Assert.Equal(Parse("type=file;size=1; x"), Parse("Type=file;Size=1; x"));
        Assert.NotEqual(Parse("type=file;size=1; x"), Parse("type=file;size=1;perm=r; x"));
    }
}
