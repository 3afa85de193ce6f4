using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Inet.Codecs;

/// <summary>
/// CRC-32 by carry-less multiplication folding on 512-bit vectors (VPCLMULQDQ): four accumulators fold
/// 256 bytes per step, are folded together into 128 bits, and the last 16 bytes plus the tail go
/// through a byte table. Constants are x^(D+32) and x^(D-32) mod P, bit-reflected and shifted by one,
/// for a fold distance of D bits; they are computed at start-up.
/// </summary>
internal static class Crc32Folding
{
    /// <summary>Inputs shorter than this go to the table or System.IO.Hashing instead.</summary>
    public const int MinimumLength = 512;

    private static readonly Vector512<ulong> Fold2048 = Wide(2048);
    private static readonly Vector512<ulong> Fold1536 = Wide(1536);
    private static readonly Vector512<ulong> Fold1024 = Wide(1024);
    private static readonly Vector512<ulong> Fold512 = Wide(512);
    private static readonly Vector128<ulong> Fold384 = Pair(384);
    private static readonly Vector128<ulong> Fold256 = Pair(256);
    internal static readonly Vector128<ulong> Fold128 = Pair(128);
    private static readonly uint[] Table = BuildTable();

    /// <summary>True when the CPU has 512-bit carry-less multiply.</summary>
    public static bool IsSupported => Pclmulqdq.V512.IsSupported && Pclmulqdq.IsSupported;

    /// <summary>CRC-32 of the data before (<paramref name="crc"/>, 0 for none) followed by <paramref name="data"/> (at least <see cref="MinimumLength"/> bytes).</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        ref var p = ref MemoryMarshal.GetReference(data);
        // Locals: reading a static Vector512 inside the loop costs a helper call each time.
        var fold2048 = Fold2048;
        // The register's start value (~crc) enters as if XORed into the first four data bytes.
        var x0 = Vector512.LoadUnsafe(ref p).AsUInt64() ^ Vector512.CreateScalar((ulong)~crc);
        var x1 = Vector512.LoadUnsafe(ref p, 64).AsUInt64();
        var x2 = Vector512.LoadUnsafe(ref p, 128).AsUInt64();
        var x3 = Vector512.LoadUnsafe(ref p, 192).AsUInt64();
        nuint i = 256;
        var length = (nuint)data.Length;
        for (; i + 256 <= length; i += 256)
        {
            x0 = Fold(x0, fold2048) ^ Vector512.LoadUnsafe(ref p, i).AsUInt64();
            x1 = Fold(x1, fold2048) ^ Vector512.LoadUnsafe(ref p, i + 64).AsUInt64();
            x2 = Fold(x2, fold2048) ^ Vector512.LoadUnsafe(ref p, i + 128).AsUInt64();
            x3 = Fold(x3, fold2048) ^ Vector512.LoadUnsafe(ref p, i + 192).AsUInt64();
        }
        var x = Fold(x0, Fold1536) ^ Fold(x1, Fold1024) ^ Fold(x2, Fold512) ^ x3;
        var low = x.GetLower();
        var high = x.GetUpper();
        var r = Fold(low.GetLower(), Fold384) ^ Fold(low.GetUpper(), Fold256) ^ Fold(high.GetLower(), Fold128) ^ high.GetUpper();
        return Finish(r, data, i);
    }

    /// <summary>
    /// The end shared by the wide folds: 16-byte blocks from <paramref name="i"/> folded into the 128-bit
    /// remainder <paramref name="r"/>, which then goes through the table with the last bytes.
    /// </summary>
    internal static uint Finish(Vector128<ulong> r, ReadOnlySpan<byte> data, nuint i)
    {
        ref var p = ref MemoryMarshal.GetReference(data);
        var fold128 = Fold128;
        for (; i + 16 <= (nuint)data.Length; i += 16)
            r = Fold(r, fold128) ^ Vector128.LoadUnsafe(ref p, i).AsUInt64();

        Span<byte> last = stackalloc byte[16];
        r.AsByte().CopyTo(last);
        var register = Update(0, last);
        return ~Update(register, data[(int)i..]);
    }

    /// <summary>Table-driven update of a raw CRC register (no inversion).</summary>
    public static uint Update(uint register, ReadOnlySpan<byte> data)
    {
        ref var table = ref MemoryMarshal.GetArrayDataReference(Table);
        foreach (var b in data)
            register = (register >> 8) ^ Unsafe.Add(ref table, (int)((register ^ b) & 0xFF));
        return register;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Fold(Vector512<ulong> x, Vector512<ulong> k) =>
        Pclmulqdq.V512.CarrylessMultiply(x, k, 0x00) ^ Pclmulqdq.V512.CarrylessMultiply(x, k, 0x11);

    /// <summary>Folds 128 bits forward by the distance <paramref name="k"/> was made for (<see cref="Pair"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<ulong> Fold(Vector128<ulong> x, Vector128<ulong> k) =>
        Pclmulqdq.CarrylessMultiply(x, k, 0x00) ^ Pclmulqdq.CarrylessMultiply(x, k, 0x11);

    /// <summary>The two constants that fold 128 bits forward by <paramref name="distance"/> bits.</summary>
    internal static Vector128<ulong> Pair(long distance) =>
        Vector128.Create((ulong)Crc32Math.XPowModP(distance + 32) << 1, (ulong)Crc32Math.XPowModP(distance - 32) << 1);

    private static Vector512<ulong> Wide(long distance) => Vector512.Create(Vector256.Create(Pair(distance), Pair(distance)), Vector256.Create(Pair(distance), Pair(distance)));

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? (c >> 1) ^ 0xEDB88320 : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
