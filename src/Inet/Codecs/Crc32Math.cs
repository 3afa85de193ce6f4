using System.Buffers.Binary;

namespace Inet.Codecs;

/// <summary>
/// CRC-32 (IEEE 802.3, as used by yEnc and zip): hashing via System.IO.Hashing, and combining the CRCs
/// of consecutive pieces, so a whole file's CRC follows from its parts' CRCs without reading it again.
/// </summary>
public static class Crc32Math
{
    // Reflected polynomial: bit 31 is the x^0 coefficient.
    private const uint Polynomial = 0xEDB88320;

    // x^(2^k) mod P for k = 0..31; powers of x repeat with a period dividing 2^32 - 1.
    private static readonly uint[] PowersOfTwo = BuildPowers();

    /// <summary>CRC-32 of <paramref name="data"/>.</summary>
    public static uint Hash(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>CRC-32 of the data hashed so far (<paramref name="crc"/>, 0 at the start) followed by <paramref name="data"/>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        if (data.Length >= Crc32Folding.MinimumLength)
        {
            if (Crc32Folding.IsSupported)
                return Crc32Folding.Append(crc, data);
            if (Crc32Folding256.IsSupported)
                return Crc32Folding256.Append(crc, data);
        }
        return AppendWithoutFolding(crc, data);
    }

    /// <summary><see cref="Append"/> on CPUs without 256- or 512-bit folding: a table for short inputs, System.IO.Hashing otherwise.</summary>
    internal static uint AppendWithoutFolding(uint crc, ReadOnlySpan<byte> data)
    {
        if (data.Length < 64)
            return ~Crc32Folding.Update(~crc, data);
        if (crc == 0)
            return System.IO.Hashing.Crc32.HashToUInt32(data);
        // The running register (~crc) enters as if XORed into the first four data bytes, as in Crc32Folding:
        // cheaper than Combine's polynomial arithmetic, which took 2% of a download's CPU (one per chunk).
        Span<byte> head = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(head, BinaryPrimitives.ReadUInt32LittleEndian(data) ^ crc);
        var hasher = t_hasher ??= new System.IO.Hashing.Crc32();
        hasher.Reset();
        hasher.Append(head);
        hasher.Append(data[4..]);
        return hasher.GetCurrentHashAsUInt32();
    }

    [ThreadStatic]
    private static System.IO.Hashing.Crc32? t_hasher;

    /// <summary>CRC-32 of A followed by B, given crc(A), crc(B) and the length of B in bytes.</summary>
    public static uint Combine(uint crcA, uint crcB, long lengthB)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lengthB);
        return MultiplyModP(XPow8N(lengthB), crcA) ^ crcB;
    }

    /// <summary>a * b modulo P, both reflected.</summary>
    private static uint MultiplyModP(uint a, uint b)
    {
        var m = 1u << 31;
        uint product = 0;
        while (true)
        {
            if ((a & m) != 0)
            {
                product ^= b;
                if ((a & (m - 1)) == 0)
                    return product;
            }
            m >>= 1;
            b = (b & 1) != 0 ? (b >> 1) ^ Polynomial : b >> 1;
        }
    }

    /// <summary>x^(8n) modulo P: appending n zero bytes multiplies the CRC register by this.</summary>
    private static uint XPow8N(long n) => XPowModP(n, 3);

    /// <summary>x^(n * 2^shift) modulo P, reflected (bit 31 is the x^0 coefficient).</summary>
    internal static uint XPowModP(long n, int shift = 0)
    {
        var p = 1u << 31;
        var k = shift;
        while (n != 0)
        {
            if ((n & 1) != 0)
                p = MultiplyModP(PowersOfTwo[k & 31], p);
            n >>= 1;
            k++;
        }
        return p;
    }

    private static uint[] BuildPowers()
    {
        var table = new uint[32];
        var p = 1u << 30;
        for (var k = 0; k < 32; k++)
        {
            table[k] = p;
            p = MultiplyModP(p, p);
        }
        return table;
    }
}
