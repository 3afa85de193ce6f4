using System.Globalization;
using System.Text;

namespace Inet.Imap;

/// <summary>Sequence sets ("1:5,7,9:12") from numbers, and back.</summary>
public static class ImapSequenceSet
{
    /// <summary>The numbers as a compact set: sorted, runs as ranges.</summary>
    public static string Format(IEnumerable<ulong> numbers)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        var sorted = numbers.Distinct().Order().ToArray();
        if (sorted.Length == 0)
            throw new ArgumentException("A sequence set needs at least one number.", nameof(numbers));
        var text = new StringBuilder();
        for (var i = 0; i < sorted.Length; i++)
        {
            var start = sorted[i];
            while (i + 1 < sorted.Length && sorted[i + 1] == sorted[i] + 1)
                i++;
            if (text.Length > 0)
                text.Append(',');
            text.Append(start.ToString(CultureInfo.InvariantCulture));
            if (sorted[i] != start)
                text.Append(':').Append(sorted[i].ToString(CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    /// <summary>Expands a set without "*" (as in COPYUID/APPENDUID codes); at most <paramref name="limit"/> numbers.</summary>
    public static IReadOnlyList<ulong> Parse(string set, int limit = 1_000_000)
    {
        ArgumentNullException.ThrowIfNull(set);
        var numbers = new List<ulong>();
        foreach (var part in set.Split(','))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            var first = ulong.Parse(colon < 0 ? part : part[..colon], NumberStyles.None, CultureInfo.InvariantCulture);
            var last = colon < 0 ? first : ulong.Parse(part[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);
            if (last < first)
                (first, last) = (last, first);
            if ((ulong)numbers.Count + (last - first) >= (ulong)limit)
                throw new FormatException($"The set {set} holds more than {limit} numbers.");
            for (var n = first; n <= last; n++)
                numbers.Add(n);
        }
        return numbers;
    }

    /// <summary>A checked set given by a caller as text ("1:*", "4,7:9"): digits, ',', ':' and '*' only.</summary>
    public static string Check(string set, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(set, parameterName);
        foreach (var c in set)
        {
            if (c is not ((>= '0' and <= '9') or ',' or ':' or '*'))
                throw new ArgumentException($"\"{Core.Printable.Escape(set)}\" is not a sequence set.", parameterName);
        }
        return set;
    }
}
