using System.Globalization;
using System.Text.RegularExpressions;

namespace Inet.News;

/// <summary>
/// Extracts the file name and part counters from binary post subjects such as
/// <c>"name.ext" yEnc (1/3)</c>, <c>[01/10] - "name.ext"</c> or <c>name.ext (1/3)</c>.
/// </summary>
public static partial class SubjectParser
{
    /// <summary>Longest subject looked at; news subjects are short and regexes must stay cheap.</summary>
    private const int MaxSubjectLength = 2048;

    /// <summary>Parses <paramref name="subject"/>; never throws for any string.</summary>
    public static ParsedSubject Parse(string? subject)
    {
        if (string.IsNullOrWhiteSpace(subject))
            return new ParsedSubject(null, null, null, null, null);
        if (subject.Length > MaxSubjectLength)
            subject = subject[..MaxSubjectLength];

        int? part = null, total = null, fileNumber = null, fileCount = null;
        // The yEnc part counter is the last "(n/N)"; an earlier one may belong to the poster's text.
        var parts = PartCounter().Matches(subject);
        if (parts.Count > 0 && TryCounter(parts[^1], out var p, out var t))
            (part, total) = (p, t);
        var files = FileCounter().Match(subject);
        if (files.Success && TryCounter(files, out var n, out var c))
            (fileNumber, fileCount) = (n, c);

        return new ParsedSubject(FindName(subject), part, total, fileNumber, fileCount);
    }

    private static string? FindName(string subject)
    {
        // A quoted name is the convention (yEnc draft 1.3); take the first non-empty one.
        foreach (Match m in Quoted().Matches(subject))
        {
            var quoted = m.Groups[1].Value.Trim();
            if (quoted.Length > 0)
                return quoted;
        }

        // Plain subject: drop counters, the "yEnc" marker and a trailing size, then take the
        // last word that looks like name.ext.
        var rest = PartCounter().Replace(subject, " ");
        rest = FileCounter().Replace(rest, " ");
        string? candidate = null;
        foreach (var word in rest.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (PlainName().IsMatch(word))
                candidate = word;
        }
        return candidate;
    }

    private static bool TryCounter(Match m, out int number, out int count)
    {
        var okNumber = int.TryParse(m.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out number);
        var okCount = int.TryParse(m.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out count);
        return okNumber && okCount;
    }

    [GeneratedRegex("""\(\s*(\d{1,9})\s*/\s*(\d{1,9})\s*\)""", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PartCounter();

    [GeneratedRegex("""\[\s*(\d{1,9})\s*/\s*(\d{1,9})\s*\]""", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex FileCounter();

    [GeneratedRegex("\"([^\"]*)\"", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Quoted();

    // name.ext where ext is 1-10 letters/digits; excludes "yEnc", sizes and bare numbers.
    [GeneratedRegex(@"^[^\s""]*[^\s"".]\.[A-Za-z0-9]{1,10}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PlainName();
}
