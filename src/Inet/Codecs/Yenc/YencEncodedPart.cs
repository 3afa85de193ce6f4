namespace Inet.Codecs.Yenc;

/// <summary>One part written by <see cref="YencFileEncoder"/>: its number, 1-based inclusive range and CRC32.</summary>
public readonly record struct YencEncodedPart(int Part, long Begin, long End, uint Crc32);
