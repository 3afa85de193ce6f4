using System.Text;

namespace Inet.Nntp.Server;

/// <summary>Conveniences for filling a store from tests, benchmarks and the <c>inet serve</c> command.</summary>
public static class ArticleStoreExtensions
{
    /// <summary>Validates and stores a raw article (headers, blank line, body; not dot-stuffed).</summary>
    public static ValueTask<NntpServerArticle> AddArticleAsync(this IArticleStore store, ReadOnlyMemory<byte> rawArticle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var draft = NntpArticleDraft.Parse(rawArticle.Span, store.PathHost, DateTimeOffset.UtcNow);
        return store.AddAsync(draft, cancellationToken);
    }

    /// <summary>Builds and stores an article from its parts; a Message-ID is generated when null.</summary>
    public static ValueTask<NntpServerArticle> AddArticleAsync(this IArticleStore store, string newsgroups, string subject, ReadOnlyMemory<byte> body, string? messageId = null, string from = "Inet Test <test@localhost>", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var header = new StringBuilder()
            .Append("From: ").Append(from).Append("\r\n")
            .Append("Newsgroups: ").Append(newsgroups).Append("\r\n")
            .Append("Subject: ").Append(subject).Append("\r\n");
        if (messageId is not null)
            header.Append("Message-ID: ").Append(messageId).Append("\r\n");
        header.Append("\r\n");
        byte[] headerBytes = Encoding.UTF8.GetBytes(header.ToString());
        byte[] raw = new byte[headerBytes.Length + body.Length];
        headerBytes.CopyTo(raw, 0);
        body.Span.CopyTo(raw.AsSpan(headerBytes.Length));
        return store.AddArticleAsync(raw, cancellationToken);
    }

    /// <summary>Stores an article whose body is text (lines separated by LF or CRLF).</summary>
    public static ValueTask<NntpServerArticle> AddArticleAsync(this IArticleStore store, string newsgroups, string subject, string body, string? messageId = null, CancellationToken cancellationToken = default)
        => store.AddArticleAsync(newsgroups, subject, Encoding.UTF8.GetBytes(body), messageId, cancellationToken: cancellationToken);
}
