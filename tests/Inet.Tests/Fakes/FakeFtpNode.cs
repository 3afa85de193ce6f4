namespace Inet.Tests.Fakes;

public enum FakeFtpNodeKind
{
    File,
    Folder,
    Link,
}

/// <summary>
/// One entry of a <see cref="FakeFtpTree"/>: a file (bytes and a time), a folder (children by name) or a
/// symbolic link (a target string, resolved by the server like a kernel would).
/// </summary>
public sealed class FakeFtpNode
{
    private static long s_nextId;

    internal FakeFtpNode(string name, FakeFtpNodeKind kind, FakeFtpNode? parent)
    {
        Name = name;
        Kind = kind;
        Parent = parent;
    }

    public string Name { get; internal set; }

    public FakeFtpNodeKind Kind { get; }

    /// <summary>The folder holding it; null for the root.</summary>
    public FakeFtpNode? Parent { get; internal set; }

    /// <summary>The MLSD <c>unique</c> fact: one per node, so a loop shows the same id twice.</summary>
    public string UniqueId { get; } = Interlocked.Increment(ref s_nextId).ToString("x", System.Globalization.CultureInfo.InvariantCulture);

    public byte[] Content { get; internal set; } = [];

    public DateTimeOffset Modified { get; internal set; } = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>Where a link points, as it was made ("..", "/etc", "sub/file").</summary>
    public string? LinkTarget { get; internal set; }

    /// <summary>A folder's entries, in name order.</summary>
    public SortedDictionary<string, FakeFtpNode> Children { get; } = new(StringComparer.Ordinal);

    /// <summary>Listing-only entries of a folder: names no file system could hold, shown by LIST, MLSD and NLST.</summary>
    public List<FakeFtpEntry> Injected { get; } = [];

    /// <summary>The absolute path from the root ("/" for the root).</summary>
    public string Path => Parent is null ? "/" : Parent.Parent is null ? "/" + Name : Parent.Path + "/" + Name;
}

/// <summary>A listing line the server shows but cannot serve: a hostile name, a fake link.</summary>
public sealed record FakeFtpEntry(string Name, FakeFtpNodeKind Kind = FakeFtpNodeKind.File, long Size = 3, string? LinkTarget = null);
