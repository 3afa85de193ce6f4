using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Inet.Codecs.Yenc;

/// <summary>The 128-bit byte shuffle both yEnc directions use, on whichever instruction the CPU has.</summary>
internal static class YencByteShuffle
{
    /// <summary>Byte shuffle; indices with the top bit set (0x80) give zero on every backend.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> Shuffle(Vector128<byte> value, Vector128<byte> control)
    {
        if (Ssse3.IsSupported)
            return Ssse3.Shuffle(value, control);
        if (AdvSimd.Arm64.IsSupported)
            return AdvSimd.Arm64.VectorTableLookup(value, control);
        return Vector128.Shuffle(value, control);
    }
}
