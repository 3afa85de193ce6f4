using System.Globalization;

namespace Inet.Nntp;

/// <summary>An article-number range as RFC 3977 writes it: "n", "n-" or "n-m".</summary>
public readonly record struct ArticleRange(long First, long? Last, bool OpenEnded)
{
    public static ArticleRange Single(long number) => new(number, number, false);
    public static ArticleRange From(long first) => new(first, null, true);
    public static ArticleRange Between(long first, long last) => new(first, last, false);

    public override string ToString() => OpenEnded
        ? $"{First.ToString(CultureInfo.InvariantCulture)}-"
        : Last == First
            ? First.ToString(CultureInfo.InvariantCulture)
            : $"{First.ToString(CultureInfo.InvariantCulture)}-{Last!.Value.ToString(CultureInfo.InvariantCulture)}";
}
