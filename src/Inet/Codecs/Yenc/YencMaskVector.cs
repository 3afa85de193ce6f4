using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Inet.Codecs.Yenc;

/// <summary>
/// Turns a 64-bit mask into a byte-mask vector for the AVX-512 kernels: the JIT offers no direct move
/// from a ulong into a mask register, so broadcast it, give byte j the mask byte j/8, and test bit j%8.
/// </summary>
internal readonly struct YencMaskVector
{
    private readonly Vector512<byte> _spreadIndex;
    private readonly Vector512<byte> _bitValues;

    private YencMaskVector(Vector512<byte> spreadIndex, Vector512<byte> bitValues)
    {
        _spreadIndex = spreadIndex;
        _bitValues = bitValues;
    }

    // In-lane shuffle indices: every 128-bit lane of the broadcast holds all 8 bytes of the ulong.
    private static ReadOnlySpan<byte> SpreadIndexBytes =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3,
        4, 4, 4, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 6, 7, 7, 7, 7, 7, 7, 7, 7,
    ];

    private static ReadOnlySpan<byte> BitBytes =>
    [
        1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128,
        1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128,
    ];

    /// <summary>Loads the constants once per kernel call (keep the result in a local).</summary>
    public static YencMaskVector Create() => new(
        Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(SpreadIndexBytes)),
        Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(BitBytes)));

    /// <summary>
    /// Byte j is 0xFF when bit j of <paramref name="bits"/> is clear (the callers want the complement of a
    /// mask they hold, and testing for zero is one vptestnmb).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<byte> FromClearBits(ulong bits)
    {
        var spread = Avx512BW.Shuffle(Vector512.Create(bits).AsByte(), _spreadIndex);
        return Vector512.Equals(spread & _bitValues, Vector512<byte>.Zero);
    }
}
