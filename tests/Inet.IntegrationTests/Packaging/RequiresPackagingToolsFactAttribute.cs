namespace Inet.IntegrationTests.Packaging;

/// <summary>
/// A fact that packs the tool: scripts/pack.sh needs clang, lld and the aarch64 GNU toolchain, which it installs
/// with apt as root. Skipped (with the reason) when they are missing and cannot be installed; under CI it always
/// runs, so a broken pack is a failure there.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresPackagingToolsFactAttribute : FactAttribute
{
    private string? explicitSkip;

    /// <summary>Also needs qemu-user, to run the arm64 build.</summary>
    public bool NeedsQemu { get; set; }

    public override string? Skip
    {
        get => explicitSkip ?? (Infrastructure.TestEnvironment.IsCi ? null
            : !CanPack ? "packing needs clang, lld and gcc-aarch64-linux-gnu (test.sh installs them as root)"
            : NeedsQemu && !OnPath("qemu-aarch64") ? "running the arm64 build needs qemu-user (test.sh installs it as root)"
            : null);
        set => explicitSkip = value;
    }

    internal static bool CanPack =>
        Environment.UserName == "root" || (OnPath("clang") && OnPath("ld.lld") && File.Exists("/usr/aarch64-linux-gnu/lib/crt1.o"));

    internal static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));
}
