using System.Globalization;

namespace Inet.Nntp.Server;

/// <summary>Parses the <c>date time [GMT]</c> arguments of NEWGROUPS and NEWNEWS (RFC 3977 7.3).</summary>
internal static class NntpDateArgument
{
    public static bool TryParse(string date, string time, string? zone, DateTimeOffset now, out DateTimeOffset value)
    {
        value = default;
        if (zone is not null && !zone.Equals("GMT", StringComparison.OrdinalIgnoreCase))
            return false;
        if (time.Length != 6 || !AllDigits(time) || !AllDigits(date))
            return false;
        int year, rest;
        if (date.Length == 8)
        {
            year = int.Parse(date.AsSpan(0, 4), CultureInfo.InvariantCulture);
            rest = 4;
        }
        else if (date.Length == 6)
        {
            // Two-digit years: this century if not after the current year, else the previous one.
            int yy = int.Parse(date.AsSpan(0, 2), CultureInfo.InvariantCulture);
            int century = now.Year / 100 * 100;
            year = century + yy <= now.Year ? century + yy : century - 100 + yy;
            rest = 2;
        }
        else
        {
            return false;
        }
        int month = int.Parse(date.AsSpan(rest, 2), CultureInfo.InvariantCulture);
        int day = int.Parse(date.AsSpan(rest + 2, 2), CultureInfo.InvariantCulture);
        int hour = int.Parse(time.AsSpan(0, 2), CultureInfo.InvariantCulture);
        int minute = int.Parse(time.AsSpan(2, 2), CultureInfo.InvariantCulture);
        int second = int.Parse(time.AsSpan(4, 2), CultureInfo.InvariantCulture);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 60)
            return false;
        // The server's local time is UTC, so both forms mean UTC.
        value = new DateTimeOffset(year, month, day, hour, minute, Math.Min(second, 59), TimeSpan.Zero);
        return true;
    }

    private static bool AllDigits(string text)
    {
        foreach (char c in text)
        {
            if (c is < '0' or > '9')
                return false;
        }
        return true;
    }
}
