using System.Diagnostics.CodeAnalysis;

namespace Inet.Ftp;

/// <summary>
/// One line of DOS/IIS style LIST output: <c>MM-DD-YY  HH:MMAM  &lt;DIR&gt;|size name</c>, with two- or four-digit
/// years, '-' or '/' between the date's parts, and 12- or 24-hour times.
/// </summary>
/// <remarks>
/// The blanks before the name are all taken as padding (IIS pads &lt;DIR&gt; to a column), so a name's own
/// leading spaces are lost in this format. Two-digit years below 70 are 20YY, the rest 19YY.
/// </remarks>
internal static class DosListParser
{
    public static bool TryParse(ReadOnlySpan<char> line, [MaybeNullWhen(false)] out FtpItem item)
    {
        item = null;
        var pos = 0;
        if (!ListText.NextToken(line, ref pos, out var s, out var e) || !TryDate(line[s..e], out var year, out var month, out var day) ||
            !ListText.NextToken(line, ref pos, out s, out e))
            return false;
        if (!TryTime(line, ref pos, ref s, ref e, out var hour, out var minute, out var second))
            return false;
        var column = line[s..e];
        FtpItemType type;
        long? size = null;
        if (column.Equals("<DIR>", StringComparison.OrdinalIgnoreCase))
            type = FtpItemType.Directory;
        else if (column.Equals("<JUNCTION>", StringComparison.OrdinalIgnoreCase) ||
                 column.Equals("<SYMLINK>", StringComparison.OrdinalIgnoreCase) ||
                 column.Equals("<SYMLINKD>", StringComparison.OrdinalIgnoreCase))
            type = FtpItemType.Link;
        else if (ListText.TryDigits(column, out var bytes))
        {
            type = FtpItemType.File;
            size = bytes;
        }
        else
            return false;
        ListText.SkipBlanks(line, ref pos);
        if (pos >= line.Length)
            return false;
        var name = line[pos..];
        string? target = null;
        // dir-style links: "name [target]".
        if (type == FtpItemType.Link && name.Length > 2 && name[^1] == ']')
        {
            var open = name.LastIndexOf(" [", StringComparison.Ordinal);
            if (open > 0)
            {
                target = new string(name[(open + 2)..^1]);
                name = name[..open];
            }
        }
        item = new FtpItem(new string(name), UnixListParser.SelfOrParent(name, type))
        {
            Size = size,
            Modified = ListText.At(year, month, day, hour, minute, second),
            LinkTarget = target,
        };
        return true;
    }

    /// <summary>
    /// "HH:MM", "HH:MMAM" or "HH:MM AM" from the token at s..e; on success s..e is the column after it.
    /// </summary>
    private static bool TryTime(ReadOnlySpan<char> line, ref int pos, ref int s, ref int e, out int hour, out int minute, out int second)
    {
        var time = line[s..e];
        var meridiem = '\0';
        if (time.Length > 2 && IsMeridiem(time[^2..]))
        {
            meridiem = char.ToUpperInvariant(time[^2]);
            time = time[..^2];
        }
        if (!ListText.TryTime(time, out hour, out minute, out second) || !ListText.NextToken(line, ref pos, out s, out e))
            return false;
        if (meridiem == '\0' && IsMeridiem(line[s..e]))
        {
            meridiem = char.ToUpperInvariant(line[s]);
            if (!ListText.NextToken(line, ref pos, out s, out e))
                return false;
        }
        if (meridiem == '\0')
            return true;
        if (hour is < 1 or > 12)
            return false;
        hour = (hour % 12) + (meridiem == 'P' ? 12 : 0);
        return true;
    }

    private static bool IsMeridiem(ReadOnlySpan<char> text) =>
        text.Length == 2 && text[0] is 'A' or 'a' or 'P' or 'p' && text[1] is 'M' or 'm';

    private static bool TryDate(ReadOnlySpan<char> token, out int year, out int month, out int day)
    {
        year = month = day = 0;
        var first = token.IndexOfAny('-', '/');
        if (first < 1)
            return false;
        var separator = token[first];
        var rest = token[(first + 1)..];
        var second = rest.IndexOf(separator);
        if (second < 1 || !ListText.TryDigits(token[..first], 2, out month) || !ListText.TryDigits(rest[..second], 2, out day))
            return false;
        var yearText = rest[(second + 1)..];
        if (!ListText.TryDigits(yearText, 4, out year))
            return false;
        if (yearText.Length == 2)
            year += year < 70 ? 2000 : 1900;
        else if (yearText.Length != 4)
            return false;
        return ListText.IsDate(year, month, day);
    }
}
