using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Inet.Cli.Native;

/// <summary>
/// Starts the native build that fits this CPU. Native AOT fixes the instruction set at compile time: code built
/// for x86-64-v2 cannot use AVX2 or AVX-512 behind a run-time check (the compiler may emit VEX/EVEX encodings
/// anywhere once they are allowed). So the x64 tool package holds one build per level, and the x86-64-v2 build,
/// the package's entry point, replaces itself (execv) with the best build the CPU and kernel support.
/// </summary>
internal static partial class NativeBuildSelector
{
    /// <summary>Set to a level name (<c>x86-64-v2</c>, <c>x86-64-v3</c>, <c>x86-64-v4</c>) to run that build if the CPU can.</summary>
    public const string LevelVariable = "INET_CPU_LEVEL";

    /// <summary>The level the running native build was compiled for (set by scripts/pack.sh), or null.</summary>
    public static string? RunningLevel => AppContext.GetData("Inet.NativeLevel") as string;

    /// <summary>
    /// True in a native (AOT) build. Not RuntimeFeature.IsDynamicCodeSupported: PublishAot turns that off in JIT
    /// builds too. The .NET host sets APP_CONTEXT_DEPS_FILES for every app it starts; a native build has no host.
    /// </summary>
    public static bool IsNative => AppContext.GetData("APP_CONTEXT_DEPS_FILES") is null;

    /// <summary>
    /// In the entry build, replaces the process with the build for the best level this machine runs; returns
    /// (and the entry build carries on) when there is none better, it is missing, or execv fails.
    /// </summary>
    public static void ExecBestBuild(string[] args)
    {
        if (!OperatingSystem.IsLinux())
            return;
        if (!IsNative || RunningLevel != CpuLevels.Baseline)
            return;
        // The variable can only lower the level: a build for more than the CPU has would not start.
        var flags = CpuFlags.Read();
        var wanted = Environment.GetEnvironmentVariable(LevelVariable);
        var level = wanted is { Length: > 0 } && CpuLevels.Runs(wanted, flags) ? wanted : CpuLevels.Best(flags);
        if (level == CpuLevels.Baseline || Environment.ProcessPath is not { } self)
            return;
        var build = self + "." + level;
        if (!File.Exists(build) || !MakeExecutable(build))
            return;
        var argv = new string?[args.Length + 2];
        argv[0] = build;
        args.CopyTo(argv, 1);
        Execv(build, argv);   // returns only on failure: the entry build runs the command itself
        Console.Error.WriteLine($"inet: could not start the {level} build ({Marshal.GetLastPInvokeErrorMessage()}); running the {CpuLevels.Baseline} build");
    }

    // NuGet does not keep file modes: `dotnet tool install` marks only the entry point executable. Execute
    // bits follow the read bits, as chmod a+X would give.
    [SupportedOSPlatform("linux")]
    private static bool MakeExecutable(string path)
    {
        try
        {
            var mode = File.GetUnixFileMode(path);
            var wanted = mode
                | (mode.HasFlag(UnixFileMode.UserRead) ? UnixFileMode.UserExecute : 0)
                | (mode.HasFlag(UnixFileMode.GroupRead) ? UnixFileMode.GroupExecute : 0)
                | (mode.HasFlag(UnixFileMode.OtherRead) ? UnixFileMode.OtherExecute : 0);
            if (wanted != mode)
                File.SetUnixFileMode(path, wanted);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "execv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Execv(string path, string?[] argv);
}
