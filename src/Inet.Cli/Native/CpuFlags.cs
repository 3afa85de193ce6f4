namespace Inet.Cli.Native;

/// <summary>The CPU feature flags Linux reports, which leave out what the kernel does not enable (e.g. AVX-512 state).</summary>
internal static class CpuFlags
{
    /// <summary>The flags of the first processor in <paramref name="path"/>; none when it cannot be read.</summary>
    public static IReadOnlySet<string> Read(string path = "/proc/cpuinfo") =>
        FirstValue(path, "flags") is { } flags ? Parse(flags) : new HashSet<string>();

    public static IReadOnlySet<string> Parse(string flags) =>
        flags.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    /// <summary>The CPU's model name, or null.</summary>
    public static string? ModelName(string path = "/proc/cpuinfo") => FirstValue(path, "model name");

    // The value after the colon of the first "key : value" line whose key starts with the given one.
    private static string? FirstValue(string path, string key)
    {
        try
        {
            foreach (var line in File.ReadLines(path))
                if (line.StartsWith(key, StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
                    return line[(colon + 1)..].Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return null;
    }
}
