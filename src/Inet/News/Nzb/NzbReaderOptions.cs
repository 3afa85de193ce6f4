namespace Inet.News.Nzb;

/// <summary>Limits for <see cref="NzbReader"/>.</summary>
public sealed record NzbReaderOptions
{
    /// <summary>Largest document accepted, in characters (default 256 Mi; a 100 GB post is ~25 MB of NZB).</summary>
    public long MaxCharacters { get; init; } = 256L * 1024 * 1024;

    /// <summary>Defaults.</summary>
    public static NzbReaderOptions Default { get; } = new();
}
