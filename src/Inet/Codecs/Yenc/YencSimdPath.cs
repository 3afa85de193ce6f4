using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Inet.Codecs.Yenc;

/// <summary>Which implementation the yEnc codec runs; tests force each one and compare with <see cref="Scalar"/>.</summary>
internal enum YencSimdPath
{
    Scalar,
    Vector128,
    Vector256,
    Vector512,
}

/// <summary>Picks the widest path this machine accelerates.</summary>
internal static class YencSimd
{
    /// <summary>The fastest supported path.</summary>
    public static YencSimdPath Best { get; } = Detect();

    /// <summary>True when <paramref name="path"/> can run here (scalar always can).</summary>
    public static bool IsSupported(YencSimdPath path) => path switch
    {
        YencSimdPath.Scalar => true,
        YencSimdPath.Vector128 => Vector128.IsHardwareAccelerated,
        YencSimdPath.Vector256 => Avx2.IsSupported,
        // Compress/expand of bytes (vpcompressb/vpexpandb) and byte permutes need VBMI and VBMI2.
        YencSimdPath.Vector512 => Vector512.IsHardwareAccelerated && Avx512Vbmi2.IsSupported && Avx512Vbmi.IsSupported && Bmi2.X64.IsSupported,
        _ => false,
    };

    /// <summary>All paths this machine can run, scalar first.</summary>
    public static IEnumerable<YencSimdPath> Supported() =>
        Enum.GetValues<YencSimdPath>().Where(IsSupported);

    private static YencSimdPath Detect()
    {
        if (IsSupported(YencSimdPath.Vector512))
            return YencSimdPath.Vector512;
        if (IsSupported(YencSimdPath.Vector256))
            return YencSimdPath.Vector256;
        return IsSupported(YencSimdPath.Vector128) ? YencSimdPath.Vector128 : YencSimdPath.Scalar;
    }
}
