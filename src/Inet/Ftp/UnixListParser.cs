using System.Diagnostics.CodeAnalysis;

namespace Inet.Ftp;

/// <summary>
/// One line of Unix <c>ls -l</c> style LIST output, as vsftpd, pure-ftpd, ProFTPD, busybox, FileZilla Server
/// and IIS in Unix mode print it. The date is found by its shape (a month name, day and time or year, or an
/// ISO date), preceded by the size, so missing link-count or group columns and device numbers do not matter.
/// </summary>
internal static class UnixListParser
{
    // Tokens after the permissions to look for the date in: links, owner, group, "major," "minor" and spare.
    private const int MaxTokensBeforeDate = 10;

    public static bool TryParse(ReadOnlySpan<char> line, DateTimeOffset now, [MaybeNullWhen(false)] out FtpItem item)
    {
        item = null;
        if (line.Length < 11 || !TryType(line[0], out var type) || !UnixPermissions.TryParse(line.Slice(1, 9), out var mode))
            return false;
        var pos = 10;
        if (line[pos] is '+' or '.' or '@')
            pos++;
        if (pos >= line.Length || line[pos] is not (' ' or '\t'))
            return false;
        if (!TryFindDate(line, ref pos, now, out var size, out var modified))
            return false;
        // One space separates the date from the name; any more belong to the name.
        if (pos + 1 >= line.Length || line[pos] != ' ')
            return false;
        var name = line[(pos + 1)..];
        string? target = null;
        if (type == FtpItemType.Link)
        {
            var arrow = name.IndexOf(" -> ", StringComparison.Ordinal);
            if (arrow > 0)
            {
                target = new string(name[(arrow + 4)..]);
                name = name[..arrow];
            }
        }
        item = new FtpItem(new string(name), SelfOrParent(name, type))
        {
            Size = size,
            Modified = modified,
            Permissions = UnixPermissions.Text(line.Slice(1, 9)),
            UnixMode = mode,
            LinkTarget = target,
        };
        return true;
    }

    /// <summary>"." and ".." directories are the listed directory and its parent.</summary>
    internal static FtpItemType SelfOrParent(ReadOnlySpan<char> name, FtpItemType type) =>
        type != FtpItemType.Directory ? type
        : name is "." ? FtpItemType.CurrentDirectory
        : name is ".." ? FtpItemType.ParentDirectory
        : type;

    private static bool TryType(char c, out FtpItemType type)
    {
        type = c switch
        {
            '-' => FtpItemType.File,
            'd' => FtpItemType.Directory,
            'l' => FtpItemType.Link,
            _ => FtpItemType.Other,
        };
        // b c p s: devices, pipes, sockets; D: Solaris doors; n: HP-UX network files.
        return type != FtpItemType.Other || c is 'b' or 'c' or 'p' or 's' or 'D' or 'n';
    }

    /// <summary>
    /// Walks the columns until one starts a date that follows a size (or "major, minor"). On success
    /// <paramref name="pos"/> is at the end of the date's last column.
    /// </summary>
    private static bool TryFindDate(ReadOnlySpan<char> line, ref int pos, DateTimeOffset now, out long? size, out DateTimeOffset modified)
    {
        size = null;
        modified = default;
        ReadOnlySpan<char> previous = default, beforePrevious = default;
        for (var i = 0; i < MaxTokensBeforeDate && ListText.NextToken(line, ref pos, out var start, out var end); i++)
        {
            var token = line[start..end];
            if (i > 0 && IsSizeColumn(previous, beforePrevious, out var sizeValue, out var isDevice))
            {
                var after = end;
                if (TryDate(line, token, ref after, now, out modified))
                {
                    if (!isDevice && sizeValue < 0)
                        return false;
                    size = isDevice ? null : sizeValue;
                    pos = after;
                    return true;
                }
            }
            beforePrevious = previous;
            previous = token;
        }
        return false;
    }

    /// <summary>
    /// A size (digits; -1 when it overflows a long) or the minor half of a device's "major, minor" / "major,minor".
    /// </summary>
    private static bool IsSizeColumn(ReadOnlySpan<char> token, ReadOnlySpan<char> before, out long size, out bool isDevice)
    {
        size = 0;
        isDevice = false;
        var comma = token.IndexOf(',');
        if (comma > 0)
        {
            isDevice = ListText.TryDigits(token[..comma], out _) && ListText.TryDigits(token[(comma + 1)..], out _);
            return isDevice;
        }
        if (token.IsEmpty || !IsAllDigits(token))
            return false;
        if (before.Length > 1 && before[^1] == ',' && ListText.TryDigits(before[..^1], out _))
        {
            isDevice = true;
            return true;
        }
        size = ListText.TryDigits(token, out var value) ? value : -1;
        return true;
    }

    private static bool IsAllDigits(ReadOnlySpan<char> token)
    {
        foreach (var c in token)
        {
            if (!char.IsAsciiDigit(c))
                return false;
        }
        return true;
    }

    /// <summary>
    /// A date starting at <paramref name="first"/>: "Mon DD HH:MM", "Mon DD YYYY", "Mon DD HH:MM:SS YYYY" (BSD -T),
    /// "YYYY-MM-DD HH:MM[:SS[.frac] +ZZZZ]" (long-iso, full-iso), "MM-DD HH:MM" or "YYYY-MM-DD" (iso).
    /// <paramref name="end"/> moves to the end of the last column read.
    /// </summary>
    private static bool TryDate(ReadOnlySpan<char> line, ReadOnlySpan<char> first, ref int end, DateTimeOffset now, out DateTimeOffset date)
    {
        date = default;
        var month = ListText.Month(first);
        if (month > 0)
            return TryMonthDate(line, month, ref end, now, out date);
        if (first.Length == 10 && first[4] == '-' && first[7] == '-')
            return TryIsoDate(line, first, ref end, out date);
        if (first.Length == 5 && first[2] == '-' && ListText.TryFixed(first, 0, 2, out month) &&
            ListText.TryFixed(first, 3, 2, out var shortDay))
        {
            var pos = end;
            if (!ListText.NextToken(line, ref pos, out var s, out var e) || !ListText.TryTime(line[s..e], out var h, out var m, out var sec) ||
                sec >= 0 || !ListText.TryInferYear(month, shortDay, h, m, now, out date))
                return false;
            end = e;
            return true;
        }
        return false;
    }

    private static bool TryMonthDate(ReadOnlySpan<char> line, int month, ref int end, DateTimeOffset now, out DateTimeOffset date)
    {
        date = default;
        var pos = end;
        if (!ListText.NextToken(line, ref pos, out var s, out var e) || !ListText.TryDigits(line[s..e], 2, out var day) ||
            !ListText.NextToken(line, ref pos, out s, out e))
            return false;
        var third = line[s..e];
        if (ListText.TryTime(third, out var hour, out var minute, out var second))
        {
            if (second < 0)
            {
                end = e;
                return ListText.TryInferYear(month, day, hour, minute, now, out date);
            }
            // BSD ls -T: the full time, then the year.
            if (!ListText.NextToken(line, ref pos, out s, out e) || !TryYear(line[s..e], out var fullYear) ||
                !ListText.IsDate(fullYear, month, day))
                return false;
            end = e;
            date = ListText.At(fullYear, month, day, hour, minute, second);
            return true;
        }
        if (!TryYear(third, out var year) || !ListText.IsDate(year, month, day))
            return false;
        end = e;
        date = ListText.At(year, month, day, 0, 0, 0);
        return true;
    }

    private static bool TryIsoDate(ReadOnlySpan<char> line, ReadOnlySpan<char> first, ref int end, out DateTimeOffset date)
    {
        date = default;
        if (!ListText.TryFixed(first, 0, 4, out var year) || !ListText.TryFixed(first, 5, 2, out var month) ||
            !ListText.TryFixed(first, 8, 2, out var day) || !ListText.IsDate(year, month, day))
            return false;
        var pos = end;
        if (!ListText.NextToken(line, ref pos, out var s, out var e) || !TryIsoTime(line[s..e], out var hour, out var minute, out var second))
        {
            // iso style shows old files with the date alone.
            date = ListText.At(year, month, day, 0, 0, 0);
            return true;
        }
        var offset = TimeSpan.Zero;
        var last = e;
        // full-iso adds fractional seconds and the zone offset ("12:34:56.000000000 +0200").
        if (second >= 0 && ListText.NextToken(line, ref pos, out s, out e) && TryOffset(line[s..e], out var zone))
        {
            offset = zone;
            last = e;
        }
        var local = new DateTime(year, month, day, hour, minute, Math.Max(second, 0), DateTimeKind.Unspecified);
        // An offset that would move the first or last day out of DateTimeOffset's range makes no real date.
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
            return false;
        end = last;
        date = new DateTimeOffset(local, offset);
        return true;
    }

    /// <summary>HH:MM, HH:MM:SS or HH:MM:SS.fraction (the fraction is dropped).</summary>
    private static bool TryIsoTime(ReadOnlySpan<char> token, out int hour, out int minute, out int second)
    {
        var dot = token.IndexOf('.');
        if (dot >= 0)
        {
            if (!IsAllDigits(token[(dot + 1)..]) || dot + 1 == token.Length)
            {
                hour = minute = second = 0;
                return false;
            }
            token = token[..dot];
            return ListText.TryTime(token, out hour, out minute, out second) && second >= 0;
        }
        return ListText.TryTime(token, out hour, out minute, out second);
    }

    private static bool TryOffset(ReadOnlySpan<char> token, out TimeSpan offset)
    {
        offset = default;
        if (token.Length != 5 || token[0] is not ('+' or '-') || !ListText.TryFixed(token, 1, 2, out var h) ||
            !ListText.TryFixed(token, 3, 2, out var m) || h > 14 || m > 59)
            return false;
        offset = new TimeSpan(h, m, 0);
        if (token[0] == '-')
            offset = -offset;
        return offset.Duration() <= TimeSpan.FromHours(14);
    }

    private static bool TryYear(ReadOnlySpan<char> token, out int year) =>
        ListText.TryDigits(token, 4, out year) && token.Length == 4 && year >= 1;
}
