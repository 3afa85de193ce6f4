using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Inet.Codecs.Yenc;

/// <summary>SSSE3/SSE4.1 or NEON: 16 bytes per vector, packed by one shuffle.</summary>
internal readonly struct YencDecodeLanes128 : IYencDecodeLanes<Vector128<byte>>
{
    public static int Size => 16;

    // A step is 32 bytes, which has no '=', CR or LF about half the time: a branch to store such blocks as they
    // are went either way unpredictably, and its mispredictions cost more than packing every block (Zen 3:
    // 4.9 against 7.6 GB/s). Stepping 64 bytes with two registers per vector ran out of registers instead.
    public static bool StoresPlainBlocks => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> Load(ref byte source, nuint offset) => Vector128.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<byte> value, ref byte destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> Broadcast(byte value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> Equals(Vector128<byte> left, Vector128<byte> right) => Vector128.Equals(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> Or(Vector128<byte> left, Vector128<byte> right) => left | right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> And(Vector128<byte> left, Vector128<byte> right) => left & right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> Subtract(Vector128<byte> left, Vector128<byte> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> DecodeBytes(Vector128<byte> value, Vector128<byte> escaped)
    {
        var plain = Vector128.Create((byte)42);
        var afterEquals = Vector128.Create((byte)(42 + 64));
        return value - (Sse41.IsSupported ? Sse41.BlendVariable(plain, afterEquals, escaped) : Vector128.ConditionalSelect(escaped, afterEquals, plain));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsZero(Vector128<byte> value) => Vector128.EqualsAll(value, Vector128<byte>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Masks(Vector128<byte> first, Vector128<byte> second, out uint firstMask, out uint secondMask) =>
        YencMaskPair.Of(first, second, out firstMask, out secondMask);

    public static Vector128<byte> SpecialsLookup() => Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(YencDecodeKernel.SpecialsTable));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> FindSpecials(Vector128<byte> value, Vector128<byte> lookup, Vector128<byte> dot)
    {
        var index = Vector128.Min(value, dot);
        // pshufb looks at the low 4 bits only; NEON's table lookup gives zero from 16 up, so mask the index there.
        var expected = Ssse3.IsSupported ? Ssse3.Shuffle(lookup, index) : YencByteShuffle.Shuffle(lookup, index & Vector128.Create((byte)15));
        return Vector128.Equals(expected, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nuint StorePacked(Vector128<byte> value, uint drop, ref byte table, ref byte destination, nuint offset)
    {
        YencByteShuffle.Shuffle(value, Vector128.LoadUnsafe(ref Unsafe.Add(ref table, (nint)((drop << 4) & 0x7FFF0)))).StoreUnsafe(ref destination, offset);
        return offset + (uint)BitOperations.PopCount(~drop & 0xFFFF);
    }
}
