using System.Globalization;
using System.Text;

namespace Inet.Mail;

/// <summary>
/// A set of IMAP UIDs kept as sorted, disjoint, non-adjacent ranges, written like an IMAP sequence set
/// (<c>1:500,502</c>), so a mailbox fetched in order costs one range however many messages it holds.
/// </summary>
internal sealed class UidSet
{
    private readonly List<(uint First, uint Last)> ranges = [];

    public int RangeCount => ranges.Count;

    public bool Contains(uint uid)
    {
        var i = IndexAtOrBefore(uid);
        return i >= 0 && uid <= ranges[i].Last;
    }

    /// <summary>Adds <paramref name="uid"/>; false if it was already there.</summary>
    public bool Add(uint uid)
    {
        var i = IndexAtOrBefore(uid);
        if (i >= 0 && uid <= ranges[i].Last)
            return false;
        var joinsLeft = i >= 0 && ranges[i].Last == uid - 1;
        var joinsRight = i + 1 < ranges.Count && ranges[i + 1].First == uid + 1;
        if (joinsLeft && joinsRight)
        {
            ranges[i] = (ranges[i].First, ranges[i + 1].Last);
            ranges.RemoveAt(i + 1);
        }
        else if (joinsLeft)
            ranges[i] = (ranges[i].First, uid);
        else if (joinsRight)
            ranges[i + 1] = (uid, ranges[i + 1].Last);
        else
            ranges.Insert(i + 1, (uid, uid));
        return true;
    }

    public override string ToString()
    {
        var builder = new StringBuilder();
        foreach (var (first, last) in ranges)
        {
            if (builder.Length > 0)
                builder.Append(',');
            builder.Append(CultureInfo.InvariantCulture, $"{first}");
            if (last != first)
                builder.Append(CultureInfo.InvariantCulture, $":{last}");
        }
        return builder.ToString();
    }

    /// <summary>Parses <c>1:500,502</c> (ascending, as <see cref="ToString"/> writes it); "" is the empty set. Throws <see cref="FormatException"/>.</summary>
    public static UidSet Parse(string text)
    {
        var set = new UidSet();
        if (text.Length == 0)
            return set;
        foreach (var part in text.Split(','))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            var first = ParseUid(colon < 0 ? part : part[..colon]);
            var last = colon < 0 ? first : ParseUid(part[(colon + 1)..]);
            if (last < first)
                throw new FormatException($"UID range '{part}' runs backwards");
            if (set.ranges.Count > 0 && first <= set.ranges[^1].Last)
                throw new FormatException($"UID range '{part}' is not above the one before it");
            if (set.ranges.Count > 0 && first == set.ranges[^1].Last + 1)
                set.ranges[^1] = (set.ranges[^1].First, last);
            else
                set.ranges.Add((first, last));
        }
        return set;
    }

    private static uint ParseUid(string text) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var uid) && uid != 0
            ? uid
            : throw new FormatException($"'{text}' is not a UID");

    // Index of the last range starting at or before uid, or -1.
    private int IndexAtOrBefore(uint uid)
    {
        int low = 0, high = ranges.Count - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            if (ranges[mid].First <= uid)
                low = mid + 1;
            else
                high = mid - 1;
        }
        return high;
    }
}
