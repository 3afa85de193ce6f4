namespace Inet.Cli.Native;

/// <summary>The x86-64 instruction-set levels the native tool is built for, and the CPU flags each needs.</summary>
internal static class CpuLevels
{
    /// <summary>The entry build's level: SSE4.2 and POPCNT, which every x86-64 CPU since 2009 has.</summary>
    public const string Baseline = "x86-64-v2";

    private static readonly string[] V3Flags = ["avx", "avx2", "bmi1", "bmi2", "f16c", "fma", "abm", "movbe", "xsave"];

    /// <summary>Best first. v4 also takes the AVX-512 groups the yEnc kernels use (VBMI, VBMI2) and their peers.</summary>
    private static readonly (string Level, string[] Flags)[] Levels =
    [
        ("x86-64-v4", [.. V3Flags, "avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl", "avx512ifma", "avx512vbmi",
                       "avx512_vbmi2", "avx512_bitalg", "avx512_vnni", "avx512_vpopcntdq"]),
        ("x86-64-v3", V3Flags),
    ];

    /// <summary>True when <paramref name="level"/> is one there is a native build of and the CPU has its every flag.</summary>
    public static bool Runs(string level, IReadOnlySet<string> flags) =>
        level == Baseline || Levels.Any(l => l.Level == level && l.Flags.All(flags.Contains));

    /// <summary>The best level whose every flag is present (flags as in /proc/cpuinfo: what the kernel enables).</summary>
    public static string Best(IReadOnlySet<string> flags)
    {
        foreach (var (level, needed) in Levels)
            if (needed.All(flags.Contains))
                return level;
        return Baseline;
    }
}
