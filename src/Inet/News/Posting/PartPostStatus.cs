namespace Inet.News.Posting;

/// <summary>What happened to one article of a post.</summary>
public enum PartPostStatus
{
    /// <summary>The server accepted it (240), or a retry found it already stored.</summary>
    Posted,

    /// <summary>The server refused it (440/441 or a 5xx); see <see cref="PostedPart.ReplyCode"/>.</summary>
    Refused,

    /// <summary>Network, TLS or authentication failure that retries did not cure.</summary>
    Failed,

    /// <summary>Not tried, because the run stopped on an earlier refusal or failure.</summary>
    NotPosted,
}
