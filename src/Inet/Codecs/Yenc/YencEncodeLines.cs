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
    /// For a step (up to 64 bytes) with escape mask <paramref name="escapes"/>, the index of the byte whose output
    /// first reaches <paramref name="room"/> characters; the step's output must reach it. A 32-byte step's mask
    /// has no high half, so its room never passes the low half.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LastByte(ulong escapes, int room)
    {
        var low = (uint)escapes;
        var outLow = 32 + BitOperations.PopCount(low);
        return room > outLow ? 32 + LastCharIndex((uint)(escapes >> 32), 32, room - outLow) : LastCharIndex(low, 32, room);
    }

    /// <summary>The bits of <paramref name="value"/> below bit <paramref name="count"/> (0 to 255; all from 64 on).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong LowBits(ulong value, int count)
    {
        if (Bmi2.X64.IsSupported)
            return Bmi2.X64.ZeroHighBits(value, (ulong)count);
        return count >= 64 ? value : value & ((1UL << count) - 1);
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
