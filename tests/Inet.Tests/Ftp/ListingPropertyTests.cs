using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Inet.Ftp;

namespace Inet.Tests.Ftp;

public sealed class ListingPropertyTests
{
    private static readonly DateTimeOffset Now = UnixListParserTests.Now;

    // Pieces that reach deep into the parsers when shuffled together.
    private static readonly string[] ListingPieces =
    [
        "-rw-r--r--", "drwxr-xr-x", "lrwxrwxrwx", "crw-rw-rw-", "-rwsr-xr-t+", " ", "  ", "\t", "1", "0", "1,", "3",
        "99999999999999999999", "4096", "Jan", "Feb", "29", "31", "10:15", "23:59:59", "2024", "2023-02-28", "02-29",
        "12:34:56.999", "+0200", "-1400", " -> ", "<DIR>", "<JUNCTION>", "02-14-12", "01/01/2024", "11:17AM", "PM",
        "[", "]", "type=file;", "type=OS.unix=slink:", "size=", "modify=20240229235960.", "; ", ";", "=", "é", "日本",
        "\uFFFD", "\0", ".", "..", "total", "x",
    ];

    [Property(MaxTest = 1000)]
    public bool AnyString_NeverThrows(string? line)
    {
        line ??= "";
        ListParser.TryParse(line, Now, out _);
        ListParser.IsSkippable(line);
        MlsdParser.TryParse(line, out _);
        return true;
    }

    [Property(MaxTest = 2000)]
    public Property ListingLikeStrings_NeverThrow() =>
        Prop.ForAll(
            Gen.Elements(ListingPieces).ListOf().Select(string.Concat).ToArbitrary(),
            Gen.OneOf(
                Gen.Elements(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.FromHours(-14)), new DateTimeOffset(9999, 12, 31, 23, 0, 0, TimeSpan.FromHours(14))),
                Gen.Choose(-700_000, 2_900_000).Select(days => Now.AddDays(days))).ToArbitrary(),
            (line, now) =>
            {
                ListParser.TryParse(line, now, out _);
                MlsdParser.TryParse(line, out _);
                return true;
            });

    /// <summary>A Unix line built the way ls does from (name, size, date, mode) parses back to the same item.</summary>
    [Property(MaxTest = 1000)]
    public Property UnixLine_RoundTrips() =>
        Prop.ForAll(Entries().ToArbitrary(), entry =>
        {
            var (line, expected) = entry;
            return (ListParser.TryParse(line, Now, out var item) && item == expected).Label(line);
        });

    private static Gen<(string Line, FtpItem Expected)> Entries() =>
        from name in Names()
        from size in Gen.Choose(0, int.MaxValue).Select(n => (long)n * (n % 7 == 0 ? 4099 : 1))
        from minutes in Gen.Choose(-3 * 366 * 24 * 60, 366 * 24 * 60)
        from mode in Gen.Choose(0, 0xFFF)
        from directory in Gen.Elements(false, true)
        from layout in Gen.Choose(0, 3)
        select Build(name, size, Now.AddMinutes(minutes), mode, directory, layout);

    private static Gen<string> Names()
    {
        var chars = Gen.Elements(" ", "-", "#", "%", ";", ">", "a", "Z", "0", ".", "é", "日", "\u00A0", "->", "Jan", "10:15");
        return chars.NonEmptyListOf().Select(string.Concat).Where(n => n is not ("." or ".."));
    }

    private static (string, FtpItem) Build(string name, long size, DateTimeOffset when, int mode, bool directory, int layout)
    {
        when = new DateTimeOffset(when.Year, when.Month, when.Day, when.Hour, when.Minute, 0, TimeSpan.Zero);
        // ls shows the time for the last six months and the year otherwise (including the future).
        var recent = when <= Now && when > Now.AddDays(-182);
        var month = CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(when.Month);
        var date = recent ? $"{month} {when.Day,2} {when:HH:mm}" : $"{month} {when.Day,2}  {when.Year}";
        var perms = Rwx(mode);
        var owners = layout switch
        {
            0 => "1 0        0       ",
            1 => "1 ftp      ftp     ",
            2 => "3 owner",
            _ => "owner group",
        };
        var line = $"{(directory ? 'd' : '-')}{perms}{(layout == 1 ? "+" : "")} {owners} {size,12} {date} {name}";
        var expected = new FtpItem(name, directory ? FtpItemType.Directory : FtpItemType.File)
        {
            Size = size,
            Modified = recent ? when : new DateTimeOffset(when.Year, when.Month, when.Day, 0, 0, 0, TimeSpan.Zero),
            Permissions = perms,
            UnixMode = mode,
        };
        return (line, expected);
    }

    private static string Rwx(int mode)
    {
        var c = new char[9];
        for (var who = 0; who < 3; who++)
        {
            var bits = mode >> (6 - (who * 3));
            var special = (mode & (0x800 >> who)) != 0;
            c[who * 3] = (bits & 4) != 0 ? 'r' : '-';
            c[(who * 3) + 1] = (bits & 2) != 0 ? 'w' : '-';
            var x = (bits & 1) != 0;
            c[(who * 3) + 2] = (special, x, who) switch
            {
                (false, true, _) => 'x',
                (false, false, _) => '-',
                (true, true, 2) => 't',
                (true, false, 2) => 'T',
                (true, true, _) => 's',
                (true, false, _) => 'S',
            };
        }
        return new string(c);
    }
}
