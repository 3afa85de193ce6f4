using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Inet.Codecs.Yenc;

/// <summary>
/// 32 bytes with AVX2: classify with one lookup, add 42 (106 where escaped), then each 16-byte half, copied to
/// both lanes, is spread over 32 output bytes by one shuffle from <see cref="YencExpandTable"/> and a blend of '='.
/// </summary>
internal readonly struct YencEncodeBlock256 : IYencEncodeBlock
{
    public static int Width => 32;

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
        var data = Vector256.LoadUnsafe(ref src).AsSByte();
        var index = Avx2.Abs(data).AsSByte();
        if (biased)
            index = Avx2.AddSaturate(index, Vector256.CreateScalar((sbyte)lineStart));
        var special = Avx2.CompareEqual(Avx2.Shuffle(YencEncodeClasses.Lookup256(), index), data).AsByte();
        var mask = (uint)Avx2.MoveMask(special);
        var encoded = Avx2.Add(data.AsByte(), Avx2.BlendVariable(Vector256.Create((byte)42), Vector256.Create((byte)(42 + 64)), special));

        var low = mask & 0xFFFF;
        var control0 = Vector256.LoadUnsafe(ref expandTable, YencExpandTable.Slot(low) * YencExpandTable.EntrySize);
        var control1 = Vector256.LoadUnsafe(ref expandTable, YencExpandTable.Slot(mask >> 16) * YencExpandTable.EntrySize);
        var half0 = Vector256.Create(encoded.GetLower(), encoded.GetLower());
        var half1 = Avx2.Permute2x128(encoded, encoded, 0x11);
        var equals = Vector256.Create((byte)'=');
        Avx2.BlendVariable(Avx2.Shuffle(half0, control0), equals, control0).StoreUnsafe(ref dst);
        Avx2.BlendVariable(Avx2.Shuffle(half1, control1), equals, control1).StoreUnsafe(ref dst, (nuint)(16 + BitOperations.PopCount(low)));
        return mask;
    }
}
