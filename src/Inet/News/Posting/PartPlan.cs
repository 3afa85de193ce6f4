namespace Inet.News.Posting;

/// <summary>
/// One article to post: which slice of which file, its subject and Message-ID. The Message-ID is
/// fixed when planned so a retry resends the same article and a lost 240 can be checked with STAT.
/// </summary>
internal sealed record PartPlan(PostFile File, int Number, int Total, long Offset, long Length, string Subject, string MessageId)
{
    public bool IsLast => Number == Total;
}
