namespace Inet.Nntp.Server;

/// <summary>Groups and articles behind an <see cref="NntpServer"/>. Implementations must be thread-safe.</summary>
public interface IArticleStore
{
    /// <summary>Host name written into Xref headers.</summary>
    string PathHost { get; }

    /// <summary>All groups, sorted by name.</summary>
    IReadOnlyList<NntpServerGroup> GetGroups();

    /// <summary>The group with this exact name, or null.</summary>
    NntpServerGroup? FindGroup(string name);

    /// <summary>Creates a group, or returns the existing one with that name.</summary>
    ValueTask<NntpServerGroup> CreateGroupAsync(string name, string? description = null, bool postingAllowed = true, CancellationToken cancellationToken = default);

    /// <summary>The article with this Message-ID, or null.</summary>
    NntpServerArticle? FindArticle(string messageId);

    /// <summary>Numbers and stores an article; throws <see cref="NntpArticleRejectedException"/> for duplicates or unknown groups.</summary>
    ValueTask<NntpServerArticle> AddAsync(NntpArticleDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Articles that arrived at or after <paramref name="since"/>, oldest first.</summary>
    IReadOnlyList<NntpServerArticle> GetArticlesSince(DateTimeOffset since);
}
