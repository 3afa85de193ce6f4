namespace Inet.News.Posting;

/// <summary>What <see cref="BinaryPoster"/> posts where, and how it splits, encodes and retries.</summary>
public sealed record BinaryPostOptions
{
    /// <summary>Default raw bytes per yEnc part (encodes to about 770 KB, under INN's 1,000,000 maxartsize).</summary>
    public const long DefaultYencPartSize = 750_000;

    /// <summary>Default raw bytes per uu part and largest MIME file: both grow by about 37-40 % when encoded.</summary>
    public const long DefaultTextPartSize = 500_000;

    /// <summary>Groups to post to (at least one).</summary>
    public required IReadOnlyList<string> Newsgroups { get; init; }

    /// <summary>The From header, e.g. <c>Poster &lt;poster@example.org&gt;</c>.</summary>
    public required string From { get; init; }

    /// <summary>Text put before the file counter and name in every subject, or null.</summary>
    public string? Subject { get; init; }

    public PostEncoding Encoding { get; init; } = PostEncoding.Yenc;

    /// <summary>
    /// Raw bytes per part; null picks <see cref="DefaultYencPartSize"/> for yEnc and
    /// <see cref="DefaultTextPartSize"/> otherwise. For uu it is rounded down to whole 45-byte lines;
    /// for MIME it is the largest file accepted (MIME posts are never split).
    /// </summary>
    public long? PartSize { get; init; }

    /// <summary>Characters per encoded yEnc line.</summary>
    public int LineLength { get; init; } = 128;

    /// <summary>Connections posting in parallel (each takes the next part from one queue).</summary>
    public int Connections { get; init; } = 1;

    /// <summary>Retries of a part after a dropped connection or a transient 4xx, with doubling delays.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>Delay before the first retry; doubled each time, at most 30 s.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Stop posting after the first part the server refuses (441); by default the rest is still posted.</summary>
    public bool StopOnRefusal { get; init; }

    /// <summary>Domain of generated Message-IDs; null takes the From address's domain, else <c>inet.invalid</c>.</summary>
    public string? MessageIdDomain { get; init; }

    /// <summary>Value of a User-Agent header, or null for none.</summary>
    public string? UserAgent { get; init; } = "Inet";

    /// <summary>Further headers for every article (e.g. X-Newsposter, Organization, X-No-Archive).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ExtraHeaders { get; init; } = [];

    /// <summary>The part size in effect for <see cref="Encoding"/>.</summary>
    public long EffectivePartSize => PartSize ?? (Encoding == PostEncoding.Yenc ? DefaultYencPartSize : DefaultTextPartSize);
}
