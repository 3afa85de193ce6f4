namespace Inet.Cli.Native;

/// <summary>The CPU feature flags Linux reports, which leave out what the kernel does not enable (e.g. AVX-512 state).</summary>
internal static class CpuFlags
{
    public static IReadOnlySet<string> Read(string path = "/proc/cpuinfo")
    {
        try
        {
            foreach (var line in File.ReadLines(path))
                if (line.StartsWith("flags", StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
                    return Parse(line[(colon + 1)..]);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return new HashSet<string>();
    }

    public static IReadOnlySet<string> Parse(string flags) =>
        flags.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    /// <summary>The CPU's model name, or null.</summary>
    public static string? ModelName(string path = "/proc/cpuinfo")
    {
        try
        {
            foreach (var line in File.ReadLines(path))
                if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
                    return line[(colon + 1)..].Trim();
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }
}
