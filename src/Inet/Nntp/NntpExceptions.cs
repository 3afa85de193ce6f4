using Inet.Core;

namespace Inet.Nntp;

/// <summary>411: no such newsgroup.</summary>
public sealed class NntpNoSuchGroupException(Reply reply) : ProtocolException(reply);

/// <summary>420-423, 430: no current article, no next/previous, no article with that number or message-id.</summary>
public sealed class NntpNoSuchArticleException(Reply reply) : ProtocolException(reply);

/// <summary>412: the command needs a selected group.</summary>
public sealed class NntpNoGroupSelectedException(Reply reply) : ProtocolException(reply);

/// <summary>480: the server wants authentication and no credentials were given.</summary>
public sealed class NntpAuthenticationRequiredException(Reply reply) : ProtocolException(reply);

/// <summary>440, 441, 435-437: the article was not accepted.</summary>
public sealed class NntpPostingException(Reply reply) : ProtocolException(reply);

/// <summary>400 or 502 at the welcome: the service is not available to this client.</summary>
public sealed class NntpServiceUnavailableException(Reply reply) : ProtocolException(reply);

/// <summary>Maps NNTP refusals to their typed exceptions.</summary>
internal static class NntpErrors
{
    public static ProtocolException For(Reply reply) => reply.Code switch
    {
        411 => new NntpNoSuchGroupException(reply),
        412 => new NntpNoGroupSelectedException(reply),
        420 or 421 or 422 or 423 or 430 => new NntpNoSuchArticleException(reply),
        480 => new NntpAuthenticationRequiredException(reply),
        481 or 482 => new AuthenticationFailedException(reply),
        440 or 441 or 435 or 436 or 437 => new NntpPostingException(reply),
        _ => new ProtocolException(reply),
    };
}
