namespace Inet.News.Nzb;

/// <summary>A parsed NZB with the warnings found while reading it.</summary>
public sealed record NzbReadResult(NzbDocument Document, IReadOnlyList<NzbWarning> Warnings)
{
    /// <summary>The warnings about one file (by index in <see cref="NzbDocument.Files"/>).</summary>
    public IEnumerable<NzbWarning> WarningsFor(int fileIndex) => Warnings.Where(w => w.FileIndex == fileIndex);
}
