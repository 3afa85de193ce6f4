using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Inet.Codecs;

/// <summary>
/// CRC-32 folding on 256-bit vectors (VPCLMULQDQ with AVX, no AVX-512: Zen 3, Alder Lake and later): four
/// accumulators fold 128 bytes per step, are folded together into 128 bits, and the rest goes as in
/// <see cref="Crc32Folding"/>, whose constants scheme (x^(D+32) and x^(D-32) mod P) and byte table it shares.
/// </summary>
internal static class Crc32Folding256
{
    private static readonly Vector256<ulong> Fold1024 = Wide(1024);
    private static readonly Vector256<ulong> Fold768 = Wide(768);
    private static readonly Vector256<ulong> Fold512 = Wide(512);
    private static readonly Vector256<ulong> Fold256 = Wide(256);

    /// <summary>True when the CPU has 256-bit carry-less multiply.</summary>
    public static bool IsSupported => Pclmulqdq.V256.IsSupported && Pclmulqdq.IsSupported;

    /// <summary>CRC-32 of the data before (<paramref name="crc"/>, 0 for none) followed by <paramref name="data"/> (at least 128 bytes).</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        ref var p = ref MemoryMarshal.GetReference(data);
        // Locals: a static vector read inside the loop costs a helper call each time.
        var fold1024 = Fold1024;
        // The register's start value (~crc) enters as if XORed into the first four data bytes.
        var x0 = Vector256.LoadUnsafe(ref p).AsUInt64() ^ Vector256.CreateScalar((ulong)~crc);
        var x1 = Vector256.LoadUnsafe(ref p, 32).AsUInt64();
        var x2 = Vector256.LoadUnsafe(ref p, 64).AsUInt64();
        var x3 = Vector256.LoadUnsafe(ref p, 96).AsUInt64();
        nuint i = 128;
        var length = (nuint)data.Length;
        for (; i + 128 <= length; i += 128)
        {
            x0 = Fold(x0, fold1024) ^ Vector256.LoadUnsafe(ref p, i).AsUInt64();
            x1 = Fold(x1, fold1024) ^ Vector256.LoadUnsafe(ref p, i + 32).AsUInt64();
            x2 = Fold(x2, fold1024) ^ Vector256.LoadUnsafe(ref p, i + 64).AsUInt64();
            x3 = Fold(x3, fold1024) ^ Vector256.LoadUnsafe(ref p, i + 96).AsUInt64();
        }
        var x = Fold(x0, Fold768) ^ Fold(x1, Fold512) ^ Fold(x2, Fold256) ^ x3;
        return Crc32Folding.Finish(Crc32Folding.Fold(x.GetLower(), Crc32Folding.Fold128) ^ x.GetUpper(), data, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Fold(Vector256<ulong> x, Vector256<ulong> k) =>
        Pclmulqdq.V256.CarrylessMultiply(x, k, 0x00) ^ Pclmulqdq.V256.CarrylessMultiply(x, k, 0x11);

    private static Vector256<ulong> Wide(long distance) => Vector256.Create(Crc32Folding.Pair(distance), Crc32Folding.Pair(distance));
}
