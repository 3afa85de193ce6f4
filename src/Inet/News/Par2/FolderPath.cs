namespace Inet.News.Par2;

/// <summary>Resolves names relative to a folder and refuses anything that would leave it.</summary>
internal static class FolderPath
{
    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>The folder as a full path without a trailing separator.</summary>
    public static string Normalize(string folder) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));

    /// <summary>Full path of <paramref name="name"/> inside <paramref name="folder"/> (already
    /// normalised), or null when it is rooted, climbs out, names the folder itself or is not a path.</summary>
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
        return full.StartsWith(folder + Path.DirectorySeparatorChar, PathComparison) ? full : null;
    }
}
