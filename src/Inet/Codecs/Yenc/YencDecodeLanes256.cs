using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Inet.Codecs.Yenc;

/// <summary>AVX2: 32 bytes per vector, packed as two 16-byte groups by one in-lane shuffle.</summary>
internal readonly struct YencDecodeLanes256 : IYencDecodeLanes<Vector256<byte>>
{
    public static int Size => 32;

    // A 64-byte step is plain (no '=', CR or LF) about one time in five: worth a branch (11.0 against 10.1 GB/s).
    public static bool StoresPlainBlocks => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> Load(ref byte source, nuint offset) => Vector256.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<byte> value, ref byte destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> Broadcast(byte value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> Equals(Vector256<byte> left, Vector256<byte> right) => Vector256.Equals(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> Or(Vector256<byte> left, Vector256<byte> right) => left | right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> And(Vector256<byte> left, Vector256<byte> right) => left & right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> Subtract(Vector256<byte> left, Vector256<byte> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    // A subtract, an and and a subtract rather than a blend: vpblendvb is three micro-ops on recent Intel cores
    // (Xeon Emerald Rapids held to AVX2: +3-5% dot-stuffed decode), one on Zen 3.
    public static Vector256<byte> DecodeBytes(Vector256<byte> value, Vector256<byte> escaped) =>
        value - Vector256.Create((byte)42) - (escaped & Vector256.Create((byte)64));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsZero(Vector256<byte> value) => Vector256.EqualsAll(value, Vector256<byte>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Masks(Vector256<byte> first, Vector256<byte> second, out uint firstMask, out uint secondMask)
    {
        firstMask = first.ExtractMostSignificantBits();
        secondMask = second.ExtractMostSignificantBits();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> SpecialsLookup() =>
        Vector256.Create(Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(YencDecodeKernel.SpecialsTable)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> FindSpecials(Vector256<byte> value, Vector256<byte> lookup, Vector256<byte> dot) =>
        Vector256.Equals(Avx2.Shuffle(lookup, Vector256.Min(value, dot)), value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nuint StorePacked(Vector256<byte> value, uint drop, ref byte table, ref byte destination, nuint offset)
    {
        var packed = Avx2.Shuffle(value, Vector256.Create(
            Vector128.LoadUnsafe(ref Unsafe.Add(ref table, (nint)((drop << 4) & 0x7FFF0))),
            Vector128.LoadUnsafe(ref Unsafe.Add(ref table, (nint)((drop >> 12) & 0x7FFF0)))));
        var kept = ~drop;
        packed.GetLower().StoreUnsafe(ref destination, offset);
        offset += (uint)BitOperations.PopCount(kept & 0xFFFF);
        packed.GetUpper().StoreUnsafe(ref destination, offset);
        return offset + (uint)BitOperations.PopCount(kept & 0xFFFF0000);
    }
}
