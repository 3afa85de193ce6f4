using MimeKit;

namespace Inet.Nntp;

/// <summary>A fetched article: its number (0 when fetched by message-id from outside a group), message-id and parsed message.</summary>
public sealed record Article(ArticleInfo Info, MimeMessage Message)
{
    public long Number => Info.Number;

    public string MessageId => Info.MessageId;

    /// <summary>The Subject with RFC 2047 words decoded.</summary>
    public string Subject => Message.Subject ?? "";
}
