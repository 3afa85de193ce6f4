using Inet.News.Nzb;

namespace Inet.News.Download;

/// <summary>One segment to fetch, and where it stands: the server it is queued for, attempts there, why it failed before.</summary>
internal sealed class SegmentWork(DownloadFile file, NzbSegment segment)
{
    public DownloadFile File { get; } = file;

    public NzbSegment Segment { get; } = segment;

    /// <summary>Index of the server whose queue (or connection) holds the segment.</summary>
    public int Server { get; set; }

    /// <summary>Times a dropped connection cut it off on <see cref="Server"/>.</summary>
    public int Attempts { get; set; }

    /// <summary>The last failure: missing on the servers tried, or damaged on at least one of them.</summary>
    public SegmentFailure Failure { get; set; }
}
