namespace Inet.Ftp;

/// <summary>Small span helpers the listing parsers share: tokens, fixed-width numbers, months, dates.</summary>
internal static class ListText
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>
    /// How far into the future an "Mon DD HH:MM" date may lie before it is taken as last year's. ls prints
    /// the time only for the last six months, so the nearest year within half a year either way is the one.
    /// </summary>
    internal static readonly TimeSpan FutureLimit = TimeSpan.FromDays(183);

    /// <summary>Moves <paramref name="pos"/> past spaces and TABs.</summary>
    public static void SkipBlanks(ReadOnlySpan<char> line, ref int pos)
    {
        while (pos < line.Length && line[pos] is ' ' or '\t')
            pos++;
    }

    /// <summary>The next blank-separated token from <paramref name="pos"/>; false at the end of the line.</summary>
    public static bool NextToken(ReadOnlySpan<char> line, ref int pos, out int start, out int end)
    {
        SkipBlanks(line, ref pos);
        start = pos;
        while (pos < line.Length && line[pos] is not (' ' or '\t'))
            pos++;
        end = pos;
        return end > start;
    }

    /// <summary>A non-negative decimal number of ASCII digits only; false when empty, signed or too big.</summary>
    public static bool TryDigits(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 19)
            return false;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
                return false;
            value = (value * 10) + (c - '0');
        }
        // 19 digits can pass long.MaxValue and wrap negative.
        return value >= 0;
    }

    /// <summary>A number of 1..<paramref name="maxDigits"/> ASCII digits.</summary>
    public static bool TryDigits(ReadOnlySpan<char> text, int maxDigits, out int value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > maxDigits)
            return false;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
                return false;
            value = (value * 10) + (c - '0');
        }
        return true;
    }

    /// <summary>Exactly <paramref name="count"/> digits at <paramref name="start"/>.</summary>
    public static bool TryFixed(ReadOnlySpan<char> text, int start, int count, out int value)
    {
        value = 0;
        return start + count <= text.Length && TryDigits(text.Slice(start, count), count, out value);
    }

    /// <summary>An English three-letter month name, any case: 1..12, or 0.</summary>
    public static int Month(ReadOnlySpan<char> token)
    {
        if (token.Length != 3)
            return 0;
        for (var i = 0; i < Months.Length; i++)
        {
            if (token.Equals(Months[i], StringComparison.OrdinalIgnoreCase))
                return i + 1;
        }
        return 0;
    }

    /// <summary>"H:MM", "HH:MM", optionally ":SS"; the seconds are -1 when absent.</summary>
    public static bool TryTime(ReadOnlySpan<char> token, out int hour, out int minute, out int second)
    {
        hour = minute = 0;
        second = -1;
        var colon = token.IndexOf(':');
        if (colon is < 1 or > 2 || !TryDigits(token[..colon], 2, out hour) || hour > 23)
            return false;
        var rest = token[(colon + 1)..];
        if (rest.Length < 2 || !TryFixed(rest, 0, 2, out minute) || minute > 59)
            return false;
        if (rest.Length == 2)
            return true;
        return rest.Length == 5 && rest[2] == ':' && TryFixed(rest, 3, 2, out second) && second <= 59;
    }

    /// <summary>True when year/month/day is a real calendar day.</summary>
    public static bool IsDate(int year, int month, int day) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    /// <summary>A time of day on a checked date, as UTC (LIST times carry no zone).</summary>
    public static DateTimeOffset At(int year, int month, int day, int hour, int minute, int second) =>
        new(year, month, day, hour, minute, Math.Max(second, 0), TimeSpan.Zero);

    /// <summary>
    /// The year of a date listed without one: the latest year that puts it no more than
    /// <see cref="FutureLimit"/> after <paramref name="now"/>. Feb 29 goes back to the last leap year that fits.
    /// </summary>
    public static bool TryInferYear(int month, int day, int hour, int minute, DateTimeOffset now, out DateTimeOffset date)
    {
        date = default;
        var limit = now.UtcDateTime > DateTime.MaxValue - FutureLimit ? DateTime.MaxValue : now.UtcDateTime + FutureLimit;
        for (var year = now.UtcDateTime.Year + 1; year >= now.UtcDateTime.Year - 8 && year >= 1; year--)
        {
            if (year > 9999 || !IsDate(year, month, day))
                continue;
            var candidate = At(year, month, day, hour, minute, 0);
            if (candidate.UtcDateTime <= limit)
            {
                date = candidate;
                return true;
            }
        }
        return false;
    }
}
