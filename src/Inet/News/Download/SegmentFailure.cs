namespace Inet.News.Download;

/// <summary>Why a segment was not delivered by a server.</summary>
internal enum SegmentFailure
{
    None,
    Missing,
    Damaged,
    Connection,
}
