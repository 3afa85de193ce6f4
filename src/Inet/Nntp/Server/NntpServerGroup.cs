namespace Inet.Nntp.Server;

/// <summary>A newsgroup of the embedded server: its articles by number (append-only) and its active-file data.</summary>
public sealed class NntpServerGroup
{
    private readonly object _gate = new();
    private readonly List<NntpServerArticle?> _articles = [];
    private long _count;

    internal NntpServerGroup(string name, string description, bool postingAllowed, DateTimeOffset created)
    {
        Name = name;
        Description = description;
        PostingAllowed = postingAllowed;
        Created = created;
    }

    public string Name { get; }

    /// <summary>One-line description shown by LIST NEWSGROUPS.</summary>
    public string Description { get; }

    /// <summary>Status <c>y</c> (posting allowed) or <c>n</c> in LIST ACTIVE.</summary>
    public bool PostingAllowed { get; }

    /// <summary>Creation time, for NEWGROUPS and LIST ACTIVE.TIMES.</summary>
    public DateTimeOffset Created { get; }

    /// <summary>Highest article number ever used (0 when empty).</summary>
    public long High
    {
        get
        {
            lock (_gate)
                return _articles.Count;
        }
    }

    /// <summary>Number of articles present.</summary>
    public long Count
    {
        get
        {
            lock (_gate)
                return _count;
        }
    }

    /// <summary>Lowest present article number; High + 1 when the group is empty (RFC 3977 6.1.1.2).</summary>
    public long Low
    {
        get
        {
            lock (_gate)
            {
                for (int i = 0; i < _articles.Count; i++)
                {
                    if (_articles[i] is not null)
                        return i + 1;
                }
                return _articles.Count + 1;
            }
        }
    }

    /// <summary>Count, low and high read together under one lock.</summary>
    public (long Count, long Low, long High) Snapshot()
    {
        lock (_gate)
        {
            long low = _articles.Count + 1;
            for (int i = 0; i < _articles.Count; i++)
            {
                if (_articles[i] is not null)
                {
                    low = i + 1;
                    break;
                }
            }
            return (_count, low, _articles.Count);
        }
    }

    /// <summary>The article with this number, or null.</summary>
    public NntpServerArticle? Find(long number)
    {
        lock (_gate)
            return number >= 1 && number <= _articles.Count ? _articles[(int)(number - 1)] : null;
    }

    /// <summary>Present articles numbered low..high, ascending.</summary>
    public IReadOnlyList<(long Number, NntpServerArticle Article)> Range(long low, long high)
    {
        var result = new List<(long, NntpServerArticle)>();
        lock (_gate)
        {
            long last = Math.Min(high, _articles.Count);
            for (long n = Math.Max(low, 1); n <= last; n++)
            {
                if (_articles[(int)(n - 1)] is NntpServerArticle article)
                    result.Add((n, article));
            }
        }
        return result;
    }

    /// <summary>The next number that <see cref="Place"/> will accept.</summary>
    internal long NextNumber
    {
        get
        {
            lock (_gate)
                return _articles.Count + 1;
        }
    }

    /// <summary>Files an article under a number at or above <see cref="NextNumber"/> (gaps stay empty).</summary>
    internal void Place(long number, NntpServerArticle article)
    {
        lock (_gate)
        {
            if (number < _articles.Count + 1)
                throw new InvalidOperationException($"Article number {number} in {Name} is already used.");
            while (_articles.Count < number - 1)
                _articles.Add(null);
            _articles.Add(article);
            _count++;
        }
    }
}
