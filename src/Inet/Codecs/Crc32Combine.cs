namespace Inet.Codecs;

/// <summary>Combines the CRC-32 (IEEE, as System.IO.Hashing.Crc32) of two adjacent blocks without reading them again.</summary>
public static class Crc32Combine
{
    // Kept as public API; the GF(2) arithmetic lives once, in Crc32Math.

    /// <summary>Returns the CRC-32 of A followed by B, given the CRC of A, the CRC of B and the length of B in bytes.</summary>
    public static uint Combine(uint crcA, uint crcB, long lengthB) => Crc32Math.Combine(crcA, crcB, lengthB);
}
