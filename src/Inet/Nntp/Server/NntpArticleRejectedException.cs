namespace Inet.Nntp.Server;

/// <summary>An article was refused by the store or its validation (sent to the client as 441/437).</summary>
public sealed class NntpArticleRejectedException : Exception
{
    public NntpArticleRejectedException()
    {
    }

    public NntpArticleRejectedException(string message)
        : base(message)
    {
    }

    public NntpArticleRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when the refusal is because the Message-ID is already stored.</summary>
    public bool IsDuplicate { get; init; }
}
