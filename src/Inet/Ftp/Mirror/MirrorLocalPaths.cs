namespace Inet.Ftp.Mirror;

/// <summary>Local paths with every symbolic link worked out (realpath), to tell where a link really leads.</summary>
internal static class MirrorLocalPaths
{
    /// <summary>Links followed in one lookup before giving up, as the kernel's ELOOP limit.</summary>
    private const int MaxLinkHops = 40;

    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>The real path of <paramref name="path"/>; parts that do not exist are kept as they are.</summary>
    public static string RealPath(string path) =>
        TryRealPath(path) ?? throw new IOException($"Too many symbolic links in \"{path}\".");

    /// <summary>The real path, or null when links loop.</summary>
    public static string? TryRealPath(string path)
    {
        var hops = 0;
        return Resolve(Path.GetFullPath(path), ref hops);
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or lies below it (both real paths).</summary>
    public static bool IsSameOrInside(string path, string folder)
    {
        var root = Path.TrimEndingDirectorySeparator(folder);
        if (string.Equals(path, root, PathComparison))
            return true;
        return path.StartsWith(root + Path.DirectorySeparatorChar, PathComparison)
            || (root.Length > 0 && root[^1] == Path.DirectorySeparatorChar && path.StartsWith(root, PathComparison));
    }

    private static string? Resolve(string full, ref int hops)
    {
        var root = Path.GetPathRoot(full) ?? "";
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            var link = new FileInfo(next).LinkTarget;
            if (link is not null)
            {
                if (++hops > MaxLinkHops)
                    return null;
                var resolved = Resolve(Path.GetFullPath(link, current), ref hops);
                if (resolved is null)
                    return null;
                next = resolved;
            }
            current = next;
        }
        return current;
    }
}
