namespace Inet.Nntp;

/// <summary>The 211 reply to GROUP: estimated count, low and high water marks, and the group name.</summary>
public sealed record GroupInfo(long Count, long First, long Last, string Name);

/// <summary>One line of LIST ACTIVE or NEWGROUPS: name, high and low water marks and posting status (y, n, m, ...).</summary>
public sealed record NewsgroupInfo(string Name, long High, long Low, string Status);

/// <summary>One line of LIST ACTIVE.TIMES.</summary>
public sealed record GroupCreation(string Name, DateTimeOffset Created, string Creator);

/// <summary>One line of LIST NEWSGROUPS.</summary>
public sealed record GroupDescription(string Name, string Description);

/// <summary>One line of LIST DISTRIB.PATS.</summary>
public sealed record DistributionPattern(int Weight, string Wildmat, string Distribution);

/// <summary>Number and message-id of an article, as STAT, NEXT, LAST and the 22x replies give them.</summary>
public sealed record ArticleInfo(long Number, string MessageId);

/// <summary>One value from HDR/XHDR/XPAT: the article number (0 when asked by message-id) and the header value.</summary>
public sealed record HeaderValue(long Number, string Value);
