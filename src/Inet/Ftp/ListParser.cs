using System.Diagnostics.CodeAnalysis;

namespace Inet.Ftp;

/// <summary>
/// Parses one line of LIST output: Unix <c>ls -l</c> style (with its common variants) or DOS/IIS style,
/// told apart by the first character. Never throws; lines it cannot read give false so the caller can report them.
/// </summary>
public static class ListParser
{
    /// <summary>
    /// Reads one line (without its line ending). <paramref name="now"/> is the time used to give a year to
    /// recent Unix dates, which are listed without one; pass the current time.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> line, DateTimeOffset now, [MaybeNullWhen(false)] out FtpItem item)
    {
        if (line.IsEmpty)
        {
            item = null;
            return false;
        }
        return char.IsAsciiDigit(line[0])
            ? DosListParser.TryParse(line, out item)
            : UnixListParser.TryParse(line, now, out item);
    }

    /// <summary>True for lines that carry no entry and need no report: blank lines and <c>total N</c> headers.</summary>
    public static bool IsSkippable(ReadOnlySpan<char> line)
    {
        line = line.Trim();
        if (line.IsEmpty)
            return true;
        if (!line.StartsWith("total", StringComparison.OrdinalIgnoreCase))
            return false;
        var rest = line[5..];
        if (rest.IsEmpty || rest[0] is not (' ' or '\t'))
            return false;
        rest = rest.TrimStart();
        // GNU ls may print the total with a unit suffix ("total 4.0K") under -h.
        var digits = rest.TrimEnd("KMGTPkmgtp");
        return !digits.IsEmpty && digits.IndexOfAnyExcept("0123456789.") < 0;
    }
}
