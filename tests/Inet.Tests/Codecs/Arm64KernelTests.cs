using System.Runtime.Intrinsics.Arm;
using Inet.Codecs;
using Inet.Codecs.Yenc;

namespace Inet.Tests.Codecs;

/// <summary>
/// On arm64 the codecs must run their NEON and CRC32-instruction code: a silent fallback to scalar would
/// leave the SIMD == scalar properties comparing scalar with itself and still passing.
/// </summary>
public class Arm64KernelTests
{
    [Arm64Fact]
    public void Yenc_RunsTheNeonKernels()
    {
        Assert.True(AdvSimd.Arm64.IsSupported);
        Assert.Equal(YencSimdPath.Vector128, YencSimd.Best);
        Assert.Equal([YencSimdPath.Scalar, YencSimdPath.Vector128], YencSimd.Supported());
        Assert.Equal("128-bit (NEON)", CodecKernels.Yenc);
    }

    [Arm64Fact]
    public void Crc32_RunsTheArmCrc32Instructions()
    {
        Assert.True(Crc32.Arm64.IsSupported);
        Assert.Equal("ARMv8 CRC32 instructions (System.IO.Hashing)", CodecKernels.Crc32);
    }
}
