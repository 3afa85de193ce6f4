using System.Collections.Concurrent;

namespace Inet.Nntp.Server;

/// <summary>An <see cref="IArticleStore"/> that keeps everything in memory (the default for tests and benchmarks).</summary>
public sealed class InMemoryArticleStore : IArticleStore
{
    private readonly object _gate = new();
    private readonly ConcurrentDictionary<string, NntpServerGroup> _groups = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, NntpServerArticle> _articles = new(StringComparer.Ordinal);
    private readonly List<NntpServerArticle> _arrivals = [];
    private readonly TimeProvider _time;

    public InMemoryArticleStore(string pathHost = "localhost", TimeProvider? timeProvider = null)
    {
        PathHost = pathHost;
        _time = timeProvider ?? TimeProvider.System;
    }

    public string PathHost { get; }

    /// <summary>Number of stored articles.</summary>
    public int ArticleCount => _articles.Count;

    public IReadOnlyList<NntpServerGroup> GetGroups()
        => [.. _groups.Values.OrderBy(g => g.Name, StringComparer.Ordinal)];

    public NntpServerGroup? FindGroup(string name) => _groups.GetValueOrDefault(name);

    public ValueTask<NntpServerGroup> CreateGroupAsync(string name, string? description = null, bool postingAllowed = true, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(CreateGroup(name, description, postingAllowed, _time.GetUtcNow()));

    public NntpServerArticle? FindArticle(string messageId) => _articles.GetValueOrDefault(messageId);

    public ValueTask<NntpServerArticle> AddAsync(NntpArticleDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        lock (_gate)
        {
            if (_articles.ContainsKey(draft.MessageId))
                throw new NntpArticleRejectedException("Duplicate Message-ID " + draft.MessageId) { IsDuplicate = true };
            var locations = new List<NntpArticleLocation>(draft.Newsgroups.Count);
            foreach (string name in draft.Newsgroups)
            {
                var group = FindGroup(name) ?? throw new NntpArticleRejectedException("No such newsgroup: " + name);
                locations.Add(new NntpArticleLocation(name, group.NextNumber));
            }
            return ValueTask.FromResult(Insert(draft, locations, _time.GetUtcNow()));
        }
    }

    public IReadOnlyList<NntpServerArticle> GetArticlesSince(DateTimeOffset since)
    {
        lock (_gate)
        {
            // Arrivals are in time order, so search for the first one at or after `since`.
            int low = 0, high = _arrivals.Count;
            while (low < high)
            {
                int mid = (low + high) / 2;
                if (_arrivals[mid].Arrived < since)
                    low = mid + 1;
                else
                    high = mid;
            }
            return _arrivals.GetRange(low, _arrivals.Count - low);
        }
    }

    /// <summary>Creates a group with a given creation time (used when a folder store reloads).</summary>
    internal NntpServerGroup CreateGroup(string name, string? description, bool postingAllowed, DateTimeOffset created)
    {
        if (!NntpGroupName.IsValid(name))
            throw new ArgumentException("Invalid newsgroup name.", nameof(name));
        string clean = (description ?? "").ReplaceLineEndings(" ").Replace('\t', ' ');
        return _groups.GetOrAdd(name, n => new NntpServerGroup(n, clean, postingAllowed, created));
    }

    /// <summary>Re-inserts an article with known numbers and arrival time (used when a folder store reloads).</summary>
    internal NntpServerArticle Restore(NntpArticleDraft draft, IReadOnlyList<NntpArticleLocation> locations, DateTimeOffset arrived)
    {
        lock (_gate)
        {
            if (_articles.ContainsKey(draft.MessageId))
                throw new NntpArticleRejectedException("Duplicate Message-ID " + draft.MessageId) { IsDuplicate = true };
            foreach (var location in locations)
            {
                var group = FindGroup(location.Group) ?? throw new NntpArticleRejectedException("No such newsgroup: " + location.Group);
                if (location.Number < group.NextNumber)
                    throw new NntpArticleRejectedException("Article number already used: " + location.Group + ":" + location.Number);
            }
            return Insert(draft, locations, arrived);
        }
    }

    private NntpServerArticle Insert(NntpArticleDraft draft, IReadOnlyList<NntpArticleLocation> locations, DateTimeOffset arrived)
    {
        var article = NntpServerArticle.Create(draft, locations, PathHost, arrived);
        foreach (var location in locations)
            _groups[location.Group].Place(location.Number, article);
        _articles[article.MessageId] = article;
        // Keep arrivals sorted even if a restored article is older than the newest one.
        int index = _arrivals.Count;
        while (index > 0 && _arrivals[index - 1].Arrived > arrived)
            index--;
        _arrivals.Insert(index, article);
        return article;
    }
}
