using System.Globalization;
using System.Text;

namespace Inet.Tests.Fakes;

/// <summary>
/// The in-memory file system a <see cref="FakeFtpServer"/> serves. Links are resolved component by component
/// as a kernel does (".." of a folder reached through a link is its real parent); the root is its own parent,
/// as in a chroot. Every method takes <see cref="Gate"/>, so sessions may share the tree.
/// </summary>
public sealed class FakeFtpTree
{
    /// <summary>Links followed in one lookup before it fails, as ELOOP does.</summary>
    private const int MaxLinkHops = 40;

    public static readonly DateTimeOffset DefaultTime = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public Lock Gate { get; } = new();

    public FakeFtpNode Root { get; } = new("", FakeFtpNodeKind.Folder, null);

    /// <summary>Adds a file (and any missing folders above it).</summary>
    public FakeFtpTree AddFile(string path, byte[] content, DateTimeOffset? modified = null)
    {
        lock (Gate)
        {
            var node = Add(path, FakeFtpNodeKind.File);
            node.Content = content;
            node.Modified = modified ?? DefaultTime;
        }
        return this;
    }

    public FakeFtpTree AddFile(string path, string text, DateTimeOffset? modified = null) =>
        AddFile(path, Encoding.UTF8.GetBytes(text), modified);

    public FakeFtpTree AddFolder(string path)
    {
        lock (Gate)
            Add(path, FakeFtpNodeKind.Folder);
        return this;
    }

    /// <summary>Adds a symbolic link; <paramref name="target"/> is kept as given (relative to the link's folder, or absolute).</summary>
    public FakeFtpTree AddLink(string path, string target)
    {
        lock (Gate)
            Add(path, FakeFtpNodeKind.Link).LinkTarget = target;
        return this;
    }

    /// <summary>Shows <paramref name="entry"/> in the listings of <paramref name="folder"/> only: it cannot be opened.</summary>
    public FakeFtpTree Inject(string folder, FakeFtpEntry entry)
    {
        lock (Gate)
        {
            var node = Resolve("/", folder) ?? throw new ArgumentException($"No folder {folder}", nameof(folder));
            node.Injected.Add(entry);
        }
        return this;
    }

    /// <summary>The bytes of a file (links followed), or null.</summary>
    public byte[]? Read(string path)
    {
        lock (Gate)
            return Resolve("/", path) is { Kind: FakeFtpNodeKind.File } node ? node.Content : null;
    }

    /// <summary>The node at <paramref name="path"/>, the last link not followed; null when missing.</summary>
    public FakeFtpNode? Find(string path)
    {
        lock (Gate)
            return Resolve("/", path, followLast: false);
    }

    /// <summary>Sets a file's content and time, as another client's upload would.</summary>
    public void Change(string path, byte[] content, DateTimeOffset modified)
    {
        lock (Gate)
        {
            var node = Resolve("/", path) ?? throw new ArgumentException($"No file {path}", nameof(path));
            node.Content = content;
            node.Modified = modified;
        }
    }

    /// <summary>Every node, one line each (path, kind, length, time, link target): to check a tree did not change.</summary>
    public string Describe()
    {
        lock (Gate)
        {
            var text = new StringBuilder();
            Describe(Root, text);
            return text.ToString();
        }
    }

    /// <summary>"/a/./b/../c" relative to <paramref name="cwd"/>, made absolute without following links.</summary>
    public static string Absolute(string cwd, string path)
    {
        var parts = new List<string>();
        foreach (var part in (path.StartsWith('/') ? path : cwd + "/" + path).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                    parts.RemoveAt(parts.Count - 1);
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }
        return "/" + string.Join('/', parts);
    }

    /// <summary>Looks <paramref name="path"/> up from the folder <paramref name="cwd"/> (a real path); null when missing.</summary>
    internal FakeFtpNode? Resolve(string cwd, string path, bool followLast = true)
    {
        var hops = 0;
        var start = path.StartsWith('/') ? Root : Walk(Root, cwd, true, ref hops) ?? Root;
        return Walk(start, path, followLast, ref hops);
    }

    /// <summary>The folder that would hold <paramref name="path"/>, and the new entry's name; null when there is none.</summary>
    internal FakeFtpNode? ResolveParent(string cwd, string path, out string leaf)
    {
        var trimmed = path.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        leaf = slash < 0 ? trimmed : trimmed[(slash + 1)..];
        if (leaf is "" or "." or "..")
            return null;
        var parent = slash < 0 ? Resolve(cwd, ".") : Resolve(cwd, slash == 0 ? "/" : trimmed[..slash]);
        return parent is { Kind: FakeFtpNodeKind.Folder } ? parent : null;
    }

    internal static FakeFtpNode AddChild(FakeFtpNode parent, string name, FakeFtpNodeKind kind)
    {
        var node = new FakeFtpNode(name, kind, parent);
        parent.Children[name] = node;
        return node;
    }

    private FakeFtpNode Add(string path, FakeFtpNodeKind kind)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var node = Root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (!node.Children.TryGetValue(parts[i], out var child))
                child = AddChild(node, parts[i], FakeFtpNodeKind.Folder);
            node = child;
        }
        return AddChild(node, parts[^1], kind);
    }

    private FakeFtpNode? Walk(FakeFtpNode start, string path, bool followLast, ref int hops)
    {
        var node = path.StartsWith('/') ? Root : start;
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i] == ".")
                continue;
            if (parts[i] == "..")
            {
                node = node.Parent ?? node;
                continue;
            }
            if (node.Kind != FakeFtpNodeKind.Folder || !node.Children.TryGetValue(parts[i], out var child))
                return null;
            if (child.Kind == FakeFtpNodeKind.Link && (i < parts.Length - 1 || followLast))
            {
                if (++hops > MaxLinkHops)
                    return null;
                child = Walk(child.Parent!, child.LinkTarget!, followLast: true, ref hops);
                if (child is null)
                    return null;
            }
            node = child;
        }
        return node;
    }

    private static void Describe(FakeFtpNode node, StringBuilder text)
    {
        text.Append(CultureInfo.InvariantCulture, $"{node.Path} {node.Kind} {node.Content.Length} {node.Modified:O} {node.LinkTarget}\n");
        foreach (var child in node.Children.Values)
            Describe(child, text);
    }
}
