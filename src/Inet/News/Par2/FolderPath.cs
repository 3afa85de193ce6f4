namespace Inet.News.Par2;

/// <summary>Resolves names relative to a folder and refuses anything that would leave it.</summary>
internal static class FolderPath
{
    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>The folder as a full path without a trailing separator.</summary>
    public static string Normalize(string folder) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));

    /// <summary>Full path of <paramref name="name"/> inside <paramref name="folder"/> (already
    /// normalised), or null when it is rooted, climbs out, names the folder itself, is not a path, or
    /// passes through a symbolic link.</summary>
    public static string? ResolveInside(string folder, string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('\0', StringComparison.Ordinal) || Path.IsPathRooted(name))
            return null;
        string full;
        try
        {
            full = Path.GetFullPath(Path.Combine(folder, name));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
        if (!full.StartsWith(folder + Path.DirectorySeparatorChar, PathComparison))
            return null;
        return HasLinkBelow(folder, full) ? null : full;
    }

    /// <summary>True when an existing component of <paramref name="full"/> below <paramref name="folder"/>
    /// is a symbolic link or junction, which could point anywhere (GetFullPath does not resolve links).</summary>
    private static bool HasLinkBelow(string folder, string full)
    {
        for (var path = full; path.Length > folder.Length; path = Path.GetDirectoryName(path) ?? folder)
        {
            FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
            if (info.Exists && info.LinkTarget is not null)
                return true;
        }
        return false;
    }
}
