using System.Runtime.InteropServices;

namespace Inet.Tests.Codecs;

/// <summary>
/// A fact for an arm64 process only (scripts/test-arm64.sh runs the codec tests as one, under qemu-user);
/// skipped, with the reason, elsewhere.
/// </summary>
public sealed class Arm64FactAttribute : FactAttribute
{
    public Arm64FactAttribute() => Skip = RuntimeInformation.ProcessArchitecture == Architecture.Arm64
        ? null
        : $"this process is {RuntimeInformation.ProcessArchitecture}, not Arm64: scripts/test-arm64.sh runs the arm64 tests under qemu-user";
}
