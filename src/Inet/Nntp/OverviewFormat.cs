namespace Inet.Nntp;

/// <summary>
/// The order of fields in OVER/XOVER lines (LIST OVERVIEW.FMT). The first seven are fixed by
/// RFC 3977; later ones are extra headers, "full" ones prefixed with their name.
/// </summary>
public sealed class OverviewFormat
{
    /// <summary>The RFC 3977 default: the seven standard fields and Xref:full.</summary>
    public static OverviewFormat Default { get; } = Parse(["Subject:", "From:", "Date:", "Message-ID:", "References:", ":bytes", ":lines", "Xref:full"]);

    private OverviewFormat(IReadOnlyList<string> extraNames, IReadOnlyList<bool> extraFull)
    {
        ExtraNames = extraNames;
        ExtraIsFull = extraFull;
    }

    /// <summary>Header names of the fields after the seven standard ones.</summary>
    public IReadOnlyList<string> ExtraNames { get; }

    /// <summary>For each extra field, whether the value carries a "Name: " prefix to strip.</summary>
    public IReadOnlyList<bool> ExtraIsFull { get; }

    /// <summary>Builds the format from the lines of LIST OVERVIEW.FMT (old "Bytes:"/"Lines:" spellings accepted).</summary>
    public static OverviewFormat Parse(IEnumerable<string> lines)
    {
        var names = new List<string>();
        var full = new List<bool>();
        var index = 0;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0)
                continue;
            if (index++ < 7)
                continue; // the first seven are fixed whatever their spelling
            var isFull = line.EndsWith(":full", StringComparison.OrdinalIgnoreCase);
            var name = isFull ? line[..^5] : line.TrimStart(':').TrimEnd(':');
            names.Add(name);
            full.Add(isFull);
        }
        return new OverviewFormat(names, full);
    }
}
