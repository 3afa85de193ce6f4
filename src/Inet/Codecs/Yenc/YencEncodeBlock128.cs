using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Inet.Codecs.Yenc;

/// <summary>
/// 16 bytes with SSSE3 or NEON: classify with one lookup, add 42 (106 where escaped), then spread over 32
/// output bytes by two shuffles from one <see cref="YencExpandTable"/> entry and a blend of '='.
/// </summary>
internal readonly struct YencEncodeBlock128 : IYencEncodeBlock
{
    public static int Width => 16;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Encode(ref byte src, ref byte dst, ref byte expandTable, int lineStart) =>
        Encode(ref src, ref dst, ref expandTable, lineStart, biased: true);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint EncodeInside(ref byte src, ref byte dst, ref byte expandTable) =>
        Encode(ref src, ref dst, ref expandTable, 0, biased: false);

    /// <summary>The block; <paramref name="biased"/> is a constant, so the JIT drops the add where it is false.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Encode(ref byte src, ref byte dst, ref byte expandTable, int lineStart, bool biased)
    {
        var data = Vector128.LoadUnsafe(ref src).AsSByte();
        var index = Vector128.Abs(data);
        if (biased)
            index = Vector128.AddSaturate(index, Vector128.CreateScalar((sbyte)lineStart));
        // SSSE3 reads the low nibble (zero when the top bit is set); a table lookup elsewhere needs it masked.
        if (!Ssse3.IsSupported)
            index &= Vector128.Create((sbyte)15);
        var special = Vector128.Equals(YencByteShuffle.Shuffle(YencEncodeClasses.Lookup128().AsByte(), index.AsByte()).AsSByte(), data).AsByte();
        var mask = special.ExtractMostSignificantBits();
        var encoded = data.AsByte() + Select(special, Vector128.Create((byte)(42 + 64)), Vector128.Create((byte)42));

        ref var entry = ref Unsafe.Add(ref expandTable, (nint)YencExpandTable.Slot(mask) * YencExpandTable.EntrySize);
        var control0 = Vector128.LoadUnsafe(ref entry);
        var control1 = Vector128.LoadUnsafe(ref entry, 16);
        WithEquals(YencByteShuffle.Shuffle(encoded, control0), control0).StoreUnsafe(ref dst);
        WithEquals(YencByteShuffle.Shuffle(encoded, control1), control1).StoreUnsafe(ref dst, 16);
        return mask;
    }

    /// <summary>Puts '=' in the slots whose control byte has its top bit set (SSE4.1 blends on that bit alone).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> WithEquals(Vector128<byte> shuffled, Vector128<byte> control)
    {
        var equals = Vector128.Create((byte)'=');
        if (Sse41.IsSupported)
            return Sse41.BlendVariable(shuffled, equals, control);
        return Vector128.ConditionalSelect(Vector128.LessThan(control.AsSByte(), Vector128<sbyte>.Zero).AsByte(), equals, shuffled);
    }

    /// <summary><paramref name="whenSet"/> where <paramref name="mask"/> bytes are all ones, else <paramref name="otherwise"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Select(Vector128<byte> mask, Vector128<byte> whenSet, Vector128<byte> otherwise) =>
        Sse41.IsSupported ? Sse41.BlendVariable(otherwise, whenSet, mask) : Vector128.ConditionalSelect(mask, whenSet, otherwise);
}
