using Inet.Codecs;

namespace Inet.News.Download;

/// <summary>One file as an earlier run left it.</summary>
internal sealed class JournalFile(string name, string tempLeaf, long? size, int parts)
{
    public string Name { get; } = name;

    public string TempLeaf { get; } = tempLeaf;

    public long? Size { get; } = size;

    public int Parts { get; } = parts;

    /// <summary>Verified segments by NZB segment number.</summary>
    public Dictionary<int, PartRecord> Segments { get; } = [];

    public DownloadFileReport? Finished { get; set; }
}
