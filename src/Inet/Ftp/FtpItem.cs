using System.Collections.ObjectModel;

namespace Inet.Ftp;

/// <summary>
/// One entry of a directory listing (MLSD, MLST or LIST). The name is exactly as the server sent it: it may
/// hold spaces, leading dashes or path separators, so pass it through SafeFileName before touching the disk.
/// </summary>
/// <remarks>
/// LIST gives times in the server's local zone, which the client cannot know; they are returned with offset
/// zero, to the minute (or to the day when the listing showed a year). MLSD times are UTC.
/// </remarks>
public sealed record FtpItem(string Name, FtpItemType Type)
{
    /// <summary>The facts of a LIST entry, which has none.</summary>
    internal static readonly IReadOnlyDictionary<string, string> NoFacts =
        ReadOnlyDictionary<string, string>.Empty;

    /// <summary>The name as sent (for a LIST symlink, the part before " -> ").</summary>
    public string Name { get; init; } = Name ?? throw new ArgumentNullException(nameof(Name));

    /// <summary>Size in bytes; null for devices or when the server gave none.</summary>
    public long? Size { get; init; }

    /// <summary>Last modification time; null when the server gave none that could be read.</summary>
    public DateTimeOffset? Modified { get; init; }

    /// <summary>Permissions as shown: "rwxr-xr-x" from LIST, the MLSD <c>perm</c> fact (e.g. "adfrw") from MLSD.</summary>
    public string? Permissions { get; init; }

    /// <summary>The Unix mode bits (e.g. 0755 octal) from LIST's permission column or the MLSD <c>UNIX.mode</c> fact.</summary>
    public int? UnixMode { get; init; }

    /// <summary>Where a symbolic link points, as sent; null when not a link or the server did not say.</summary>
    public string? LinkTarget { get; init; }

    /// <summary>The MLSD <c>unique</c> fact: the same for two names of one file.</summary>
    public string? UniqueId { get; init; }

    /// <summary>Every MLSD fact as sent, names matched case-insensitively; empty for LIST entries.</summary>
    public IReadOnlyDictionary<string, string> Facts { get; init; } = NoFacts;

    /// <summary>Equal when every property is, and the facts hold the same names and values.</summary>
    public bool Equals(FtpItem? other) =>
        other is not null && Name == other.Name && Type == other.Type && Size == other.Size &&
        Modified == other.Modified && Permissions == other.Permissions && UnixMode == other.UnixMode &&
        LinkTarget == other.LinkTarget && UniqueId == other.UniqueId && SameFacts(Facts, other.Facts);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Type, Size, Modified, LinkTarget, Facts.Count);

    private static bool SameFacts(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        if (ReferenceEquals(a, b))
            return true;
        if (a.Count != b.Count)
            return false;
        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || value != other)
                return false;
        }
        return true;
    }
}
