using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Inet.Codecs.Yenc;

/// <summary>
/// SSSE3/SSE4.1 or NEON: a "vector" is two 128-bit registers (32 bytes), so a step covers 64 bytes as on AVX2.
/// With 32-byte steps the branch between plain and packed blocks went either way about half the time, and
/// its mispredictions cost more than the packing (4.9 against 7.6 GB/s without the branch, Zen 3).
/// </summary>
internal readonly struct YencDecodeLanes128 : IYencDecodeLanes<YencDecodeLanes128.Pair, Vector128<byte>>
{
    /// <summary>Two 16-byte vectors: bytes 0-15 and 16-31.</summary>
    public readonly struct Pair(Vector128<byte> low, Vector128<byte> high)
    {
        public readonly Vector128<byte> Low = low;
        public readonly Vector128<byte> High = high;
    }

    public static int Size => 32;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pair Load(ref byte source, nuint offset) =>
        new(Vector128.LoadUnsafe(ref source, offset), Vector128.LoadUnsafe(ref source, offset + 16));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Pair value, ref byte destination, nuint offset)
    {
        value.Low.StoreUnsafe(ref destination, offset);
        value.High.StoreUnsafe(ref destination, offset + 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> Broadcast(byte value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pair Equals(Pair left, Vector128<byte> right) =>
        new(Vector128.Equals(left.Low, right), Vector128.Equals(left.High, right));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pair Or(Pair left, Pair right) => new(left.Low | right.Low, left.High | right.High);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pair And(Pair left, Pair right) => new(left.Low & right.Low, left.High & right.High);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pair Subtract(Pair left, Vector128<byte> right) => new(left.Low - right, left.High - right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pair SubtractSelected(Pair value, Pair mask, Vector128<byte> ifSet, Vector128<byte> ifClear) =>
        new(value.Low - Select(mask.Low, ifSet, ifClear), value.High - Select(mask.High, ifSet, ifClear));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsZero(Pair value) => Vector128.EqualsAll(value.Low | value.High, Vector128<byte>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Mask(Pair value) => value.Low.ExtractMostSignificantBits() | (value.High.ExtractMostSignificantBits() << 16);

    public static Vector128<byte> SpecialsLookup() => Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(YencDecodeKernel.SpecialsTable));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pair FindSpecials(Pair value, Vector128<byte> lookup, Vector128<byte> dot) =>
        new(FindSpecials(value.Low, lookup, dot), FindSpecials(value.High, lookup, dot));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nuint StorePacked(Pair value, uint drop, ref byte table, ref byte destination, nuint offset)
    {
        Shuffle(value.Low, Vector128.LoadUnsafe(ref Unsafe.Add(ref table, (nint)((drop << 4) & 0x7FFF0)))).StoreUnsafe(ref destination, offset);
        var kept = ~drop;
        offset += (uint)BitOperations.PopCount(kept & 0xFFFF);
        Shuffle(value.High, Vector128.LoadUnsafe(ref Unsafe.Add(ref table, (nint)((drop >> 12) & 0x7FFF0)))).StoreUnsafe(ref destination, offset);
        return offset + (uint)BitOperations.PopCount(kept & 0xFFFF0000);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Select(Vector128<byte> mask, Vector128<byte> ifSet, Vector128<byte> ifClear) =>
        Sse41.IsSupported ? Sse41.BlendVariable(ifClear, ifSet, mask) : Vector128.ConditionalSelect(mask, ifSet, ifClear);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> FindSpecials(Vector128<byte> value, Vector128<byte> lookup, Vector128<byte> dot)
    {
        var index = Vector128.Min(value, dot);
        // pshufb looks at the low 4 bits only; NEON's table lookup gives zero from 16 up, so mask the index there.
        var expected = Ssse3.IsSupported ? Ssse3.Shuffle(lookup, index) : Shuffle(lookup, index & Vector128.Create((byte)15));
        return Vector128.Equals(expected, value);
    }

    /// <summary>Byte shuffle; indices with the top bit set (0x80) give zero on every backend.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<byte> Shuffle(Vector128<byte> value, Vector128<byte> control)
    {
        if (Ssse3.IsSupported)
            return Ssse3.Shuffle(value, control);
        if (AdvSimd.Arm64.IsSupported)
            return AdvSimd.Arm64.VectorTableLookup(value, control);
        return Vector128.Shuffle(value, control);
    }
}
