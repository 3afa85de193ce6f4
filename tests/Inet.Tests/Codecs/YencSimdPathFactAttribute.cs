using Inet.Codecs.Yenc;

namespace Inet.Tests.Codecs;

/// <summary>
/// A fact that runs only where the CPU can run the named path, and is reported as skipped elsewhere:
/// the SIMD == scalar properties test only the paths this CPU has, so a missing path must show in the counts.
/// </summary>
public sealed class YencSimdPathFactAttribute : FactAttribute
{
    // The path by name: YencSimdPath is internal to the library.
    public YencSimdPathFactAttribute(string path) =>
        Skip = YencSimd.IsSupported(Enum.Parse<YencSimdPath>(path)) ? null : $"this CPU cannot run the yEnc {path} kernels, so their SIMD == scalar properties did not run here";
}
