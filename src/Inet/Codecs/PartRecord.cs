namespace Inet.Codecs;

/// <summary>What arrived for one part: where it sits, how much was written, its CRC-32 and its state.</summary>
public sealed record PartRecord(int PartNumber, long Offset, long? ExpectedLength, long Length, uint Crc32, PartStatus Status)
{
    /// <summary>The bytes of the file this part covers.</summary>
    public ByteRange Range => new(Offset, Length);
}
