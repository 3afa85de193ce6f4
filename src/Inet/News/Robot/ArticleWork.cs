namespace Inet.News.Robot;

/// <summary>One article to fetch: its number and message-id, overview size, and the file it belongs to.</summary>
internal sealed record ArticleWork(string Group, long Number, string MessageId, long Bytes, string FileKey, string Subject)
{
    /// <summary>Fetch only the body (a yEnc post by its subject); otherwise the whole article (uu, MIME, text).</summary>
    public bool BodyOnly { get; init; }
}
