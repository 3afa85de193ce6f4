using System.Globalization;

namespace Inet.Nntp.Server;

/// <summary>An RFC 3977 range argument: <c>n</c>, <c>n-</c> or <c>n-m</c>.</summary>
internal readonly record struct RangeArgument(long Low, long High)
{
    public static bool TryParse(string text, out RangeArgument range)
    {
        range = default;
        int dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            if (!TryNumber(text, out long single))
                return false;
            range = new RangeArgument(single, single);
            return true;
        }
        if (!TryNumber(text.AsSpan(0, dash), out long low))
            return false;
        var rest = text.AsSpan(dash + 1);
        if (rest.Length == 0)
        {
            range = new RangeArgument(low, long.MaxValue);
            return true;
        }
        if (!TryNumber(rest, out long high))
            return false;
        range = new RangeArgument(low, high);
        return true;
    }

    /// <summary>Article numbers are 1-16 digits (RFC 3977 allows up to 2^63-1; 16 digits keeps it safe).</summary>
    public static bool TryNumber(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.Length is 0 or > 16)
            return false;
        foreach (char c in text)
        {
            if (c is < '0' or > '9')
                return false;
        }
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
