using System.Globalization;
using System.Text.RegularExpressions;
using Inet.Nntp;

namespace Inet.News.Robot;

/// <summary>
/// Chooses articles by their overview data: size bounds, subject and poster patterns, age.
/// All conditions must hold. <see cref="ExcludeSubject"/> removes matches.
/// </summary>
public sealed record ArticleFilter
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(250);

    public long? MinSize { get; init; }
    public long? MaxSize { get; init; }
    public Regex? Subject { get; init; }
    public Regex? ExcludeSubject { get; init; }
    public Regex? From { get; init; }
    public TimeSpan? NewerThan { get; init; }

    public static ArticleFilter All { get; } = new();

    public bool Matches(OverviewRecord record, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (MinSize is { } min && record.Bytes < min) return false;
        if (MaxSize is { } max && record.Bytes > max) return false;
        if (Subject is not null && !Subject.IsMatch(record.DecodedSubject)) return false;
        if (ExcludeSubject is not null && ExcludeSubject.IsMatch(record.DecodedSubject)) return false;
        if (From is not null && !From.IsMatch(record.From)) return false;
        if (NewerThan is { } age && (record.ParsedDate is not { } date || now - date > age)) return false;
        return true;
    }

    public static Regex Pattern(string pattern) =>
        new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout);

    /// <summary>Parses an age such as 90m, 12h, 7d or 2w.</summary>
    public static TimeSpan ParseAge(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var unit = char.ToLowerInvariant(text[^1]);
        if (!double.TryParse(char.IsDigit(unit) ? text : text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
            throw new FormatException($"Not an age: '{text}' (use e.g. 90m, 12h, 7d, 2w).");
        return unit switch
        {
            'm' => TimeSpan.FromMinutes(value),
            'h' => TimeSpan.FromHours(value),
            'w' => TimeSpan.FromDays(7 * value),
            _ when char.IsDigit(unit) || unit == 'd' => TimeSpan.FromDays(value),
            _ => throw new FormatException($"Not an age: '{text}' (use e.g. 90m, 12h, 7d, 2w)."),
        };
    }

    /// <summary>Parses a size such as 750000, 500k, 20M or 1G.</summary>
    public static long ParseSize(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var unit = char.ToLowerInvariant(text[^1]);
        var multiplier = unit switch { 'k' => 1024L, 'm' => 1024L * 1024, 'g' => 1024L * 1024 * 1024, _ => 1L };
        var digits = multiplier == 1 ? text : text[..^1];
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? checked(value * multiplier)
            : throw new FormatException($"Not a size: '{text}' (use e.g. 750000, 500k, 20M).");
    }

    /// <summary>
    /// Reads a filter file: one rule per line, "key: value", keys min-size, max-size, subject,
    /// exclude-subject, from, newer-than; '#' starts a comment. Later rules override earlier ones.
    /// </summary>
    public static ArticleFilter ParseFile(string text, ArticleFilter? start = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var filter = start ?? All;
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) throw new FormatException($"Filter line {lineNumber}: expected 'key: value'.");
            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            try
            {
                filter = key switch
                {
                    "min-size" => filter with { MinSize = ParseSize(value) },
                    "max-size" => filter with { MaxSize = ParseSize(value) },
                    "subject" => filter with { Subject = Pattern(value) },
                    "exclude-subject" => filter with { ExcludeSubject = Pattern(value) },
                    "from" => filter with { From = Pattern(value) },
                    "newer-than" => filter with { NewerThan = ParseAge(value) },
                    _ => throw new FormatException($"unknown key '{key}'"),
                };
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw new FormatException($"Filter line {lineNumber}: {e.Message}", e);
            }
        }
        return filter;
    }
}
