using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Inet.Codecs.Yenc;

/// <summary>Finds where a line ends inside a SIMD block of the encoder.</summary>
internal static class YencEncodeLines
{
    /// <summary>
    /// For a block of <paramref name="width"/> (at most 32) input bytes with escape mask
    /// <paramref name="escapes"/>, the index of the byte whose output first reaches <paramref name="room"/>
    /// characters (it ends the line), or -1 when the whole block stays below.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LastCharIndex(uint escapes, int width, int room)
    {
        var total = width + BitOperations.PopCount(escapes);
        if (room > total)
            return -1;
        // Two slots per input byte: an '=' slot, kept when escaped, then the data slot, always kept.
        var slots = 0xAAAAAAAAAAAAAAAAUL | Spread(escapes);
        return NthSetBit(slots, room) >> 1;
    }

    /// <summary>
    /// For a block whose escape mask is <paramref name="escapes"/>, the index of the input byte whose output
    /// covers output position <paramref name="slot"/> (0-based; it must lie inside the block's output).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ByteCovering(uint escapes, int slot)
    {
        var slots = 0xAAAAAAAAAAAAAAAAUL | Spread(escapes);
        return NthSetBit(slots, slot + 1) >> 1;
    }

    /// <summary>True when no bit below <paramref name="count"/> is set in <paramref name="escapes"/> (any count from 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool NoneBelow(uint escapes, int count)
    {
        if (Bmi2.X64.IsSupported)
            return Bmi2.X64.ZeroHighBits(escapes, (ulong)count) == 0;
        return (count >= 32 ? escapes : escapes & ((1u << count) - 1)) == 0;
    }

    /// <summary>Moves bit k of <paramref name="value"/> to bit 2k.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Spread(uint value)
    {
        if (Bmi2.X64.IsSupported)
            return Bmi2.X64.ParallelBitDeposit(value, 0x5555555555555555UL);
        ulong x = value;
        x = (x | (x << 16)) & 0x0000FFFF0000FFFFUL;
        x = (x | (x << 8)) & 0x00FF00FF00FF00FFUL;
        x = (x | (x << 4)) & 0x0F0F0F0F0F0F0F0FUL;
        x = (x | (x << 2)) & 0x3333333333333333UL;
        x = (x | (x << 1)) & 0x5555555555555555UL;
        return x;
    }

    /// <summary>Position of the n-th (1-based) set bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int NthSetBit(ulong value, int n)
    {
        if (Bmi2.X64.IsSupported)
            return BitOperations.TrailingZeroCount(Bmi2.X64.ParallelBitDeposit(1UL << (n - 1), value));
        for (var k = 1; k < n; k++)
            value &= value - 1;
        return BitOperations.TrailingZeroCount(value);
    }
}
