namespace Inet.Codecs;

/// <summary>Combines the CRC-32 (IEEE, as System.IO.Hashing.Crc32) of two adjacent blocks without reading them again.</summary>
public static class Crc32Combine
{
    private const uint Polynomial = 0xEDB88320; // reflected x^32 + x^26 + ... + 1

    // XPowers[k] = x^(2^k) modulo the polynomial, in reflected bit order.
    private static readonly uint[] XPowers = BuildPowers();

    /// <summary>Returns the CRC-32 of A followed by B, given the CRC of A, the CRC of B and the length of B in bytes.</summary>
    public static uint Combine(uint crcA, uint crcB, long lengthB)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lengthB);
        return MultiplyModP(XPowerNModP(lengthB), crcA) ^ crcB;
    }

    // Multiplies two polynomials modulo the CRC polynomial (bit 31 is x^0).
    private static uint MultiplyModP(uint a, uint b)
    {
        var mask = 1u << 31;
        var product = 0u;
        while (true)
        {
            if ((a & mask) != 0)
            {
                product ^= b;
                if ((a & (mask - 1)) == 0)
                    return product;
            }
            mask >>= 1;
            b = (b & 1) != 0 ? (b >> 1) ^ Polynomial : b >> 1;
        }
    }

    // x^(8 * bytes) modulo the polynomial: shifting a CRC over that many zero bytes.
    private static uint XPowerNModP(long bytes)
    {
        var power = 1u << 31; // x^0
        var k = 3; // 8 bits per byte = x^(2^3) per unit
        while (bytes != 0)
        {
            if ((bytes & 1) != 0)
                power = MultiplyModP(XPowers[k & 31], power);
            bytes >>= 1;
            k++;
        }
        return power;
    }

    private static uint[] BuildPowers()
    {
        var powers = new uint[32];
        var p = 1u << 30; // x^1
        powers[0] = p;
        for (var n = 1; n < 32; n++)
            powers[n] = p = MultiplyModP(p, p);
        return powers;
    }
}
