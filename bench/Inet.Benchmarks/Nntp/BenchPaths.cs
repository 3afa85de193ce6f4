namespace Inet.Benchmarks.Nntp;

/// <summary>Finds the peer scripts and the scratch folder without any machine-specific path.</summary>
internal static class BenchPaths
{
    /// <summary>bench/peers, found by walking up from the running assembly (works from bin/ and from BenchmarkDotNet's build folders).</summary>
    public static string PeersDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "bench", "peers");
            if (Directory.Exists(candidate))
                return candidate;
            if (dir.Name == "bench" && Directory.Exists(Path.Combine(dir.FullName, "peers")))
                return Path.Combine(dir.FullName, "peers");
        }
        throw new DirectoryNotFoundException("bench/peers not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Where generated data goes: INET_BENCH_DATA, or inet-bench under the temp folder.</summary>
    public static string DataDirectory() =>
        Environment.GetEnvironmentVariable("INET_BENCH_DATA") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "inet-bench");

    /// <summary>The Python used for peers: INET_BENCH_PYTHON or python3 on PATH.</summary>
    public static string Python() =>
        Environment.GetEnvironmentVariable("INET_BENCH_PYTHON") is { Length: > 0 } configured ? configured : "python3";
}
