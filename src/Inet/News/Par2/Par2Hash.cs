using System.Buffers.Binary;

namespace Inet.News.Par2;

/// <summary>A 16-byte MD5 value as PAR2 uses them (hashes, file ids, recovery set ids).</summary>
public readonly record struct Par2Hash(UInt128 Value)
{
    /// <summary>Reads 16 bytes in file order.</summary>
    public static Par2Hash Read(ReadOnlySpan<byte> bytes) => new(BinaryPrimitives.ReadUInt128LittleEndian(bytes));

    /// <summary>Writes the 16 bytes in file order.</summary>
    public void WriteTo(Span<byte> destination) => BinaryPrimitives.WriteUInt128LittleEndian(destination, Value);

    /// <summary>Lower-case hex of the bytes in file order (as md5sum prints them).</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[16];
        WriteTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
