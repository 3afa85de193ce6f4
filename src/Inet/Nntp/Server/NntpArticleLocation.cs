namespace Inet.Nntp.Server;

/// <summary>Where an article sits: a group and its number there (one Xref entry).</summary>
public readonly record struct NntpArticleLocation(string Group, long Number);
