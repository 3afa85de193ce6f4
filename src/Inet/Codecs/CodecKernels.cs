using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using Inet.Codecs.Yenc;

namespace Inet.Codecs;

/// <summary>Which SIMD kernels the codecs run on this machine; each is chosen once, when first used.</summary>
public static class CodecKernels
{
    /// <summary>The yEnc encode/decode kernel, e.g. "256-bit (AVX2)".</summary>
    public static string Yenc => YencSimd.Best switch
    {
        YencSimdPath.Vector512 => "512-bit (AVX-512 VBMI2)",
        YencSimdPath.Vector256 => "256-bit (AVX2)",
        YencSimdPath.Vector128 when AdvSimd.Arm64.IsSupported => "128-bit (NEON)",
        YencSimdPath.Vector128 when Ssse3.IsSupported => "128-bit (SSSE3)",
        YencSimdPath.Vector128 => "128-bit",
        _ => "scalar",
    };

    /// <summary>The CRC-32 kernel for long inputs, e.g. "512-bit carry-less multiply folding (VPCLMULQDQ)".</summary>
    public static string Crc32
    {
        get
        {
            if (Crc32Folding.IsSupported)
                return "512-bit carry-less multiply folding (VPCLMULQDQ)";
            if (Crc32Folding256.IsSupported)
                return "256-bit carry-less multiply folding (VPCLMULQDQ)";
            if (Pclmulqdq.IsSupported && Vector128.IsHardwareAccelerated)
                return "128-bit carry-less multiply folding (PCLMULQDQ, System.IO.Hashing)";
            if (System.Runtime.Intrinsics.Arm.Crc32.Arm64.IsSupported)
                return "ARMv8 CRC32 instructions (System.IO.Hashing)";
            return "table (System.IO.Hashing)";
        }
    }
}
