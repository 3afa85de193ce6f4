using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Inet.Codecs.Yenc;

/// <summary>
/// Building blocks of the AVX-512 encoder for one 32-byte half: its output ('=' before each escaped byte)
/// by vpexpandb, and where a line ends inside it.
/// </summary>
internal static class YencExpand512
{
    /// <summary>
    /// The first 32 output bytes of a half with at most one escape: the compare's complement is the expand mask
    /// (a fresh compare, so the JIT keeps it in a mask register). An escape pushes the half's last byte out.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> Few(Vector256<byte> permuted, Vector256<byte> raw, Vector256<byte> encoded, Vector256<byte> equalSigns)
    {
        var keep = Avx512BW.VL.CompareNotEqual(permuted, raw);
        return Avx512Vbmi2.VL.Expand(equalSigns, keep, encoded);
    }

    /// <summary>
    /// The output of a half with at most one escape from output byte <paramref name="from"/> on: <see cref="Few"/>'s
    /// vector followed by the pushed-out last encoded byte.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> FewTail(Vector256<byte> expanded, Vector256<byte> encoded, int from, Vector256<byte> iota, Vector256<byte> v31)
    {
        var lastByte = Avx512Vbmi.VL.PermuteVar32x8(encoded, v31);
        return Avx512Vbmi.VL.PermuteVar32x8x2(expanded, iota + Vector256.Create((byte)from), lastByte);
    }

    /// <summary>The whole output of a half with any escapes <paramref name="esc"/> (bytes past the output are junk).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<byte> Any(Vector256<byte> encoded, uint esc, Vector512<byte> equalSigns, YencMaskVector masks)
    {
        // Output positions of the data bytes: each input byte takes one slot, two when escaped ('=' first).
        var spread = Bmi2.X64.ParallelBitDeposit(esc, 0x5555555555555555UL);
        var eqOut = Bmi2.X64.ParallelBitExtract(spread, 0xAAAAAAAAAAAAAAAAUL | spread);
        return Avx512Vbmi2.Expand(equalSigns, masks.FromClearBits(eqOut), encoded.ToVector512Unsafe());
    }

    /// <summary>
    /// Index of the byte whose output reaches <paramref name="room"/> (1..output length) characters, for a
    /// half with at most one escape: byte room - 1, or the one before when the escape comes earlier.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LastByteFew(uint esc, int room) =>
        room - 1 - BitOperations.PopCount(Bmi2.ZeroHighBits(esc, (uint)(room - 1)));

    /// <summary>
    /// Index of the byte whose output reaches <paramref name="room"/> (1..output length) characters, for a
    /// half with any escapes <paramref name="esc"/>: the room-th set bit of the slot map (two slots per byte,
    /// the '=' one set only when escaped).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LastByte(uint esc, int room)
    {
        var slots = 0xAAAAAAAAAAAAAAAAUL | Bmi2.X64.ParallelBitDeposit(esc, 0x5555555555555555UL);
        return BitOperations.TrailingZeroCount(Bmi2.X64.ParallelBitDeposit(1UL << (room - 1), slots)) >> 1;
    }
}
