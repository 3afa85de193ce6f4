namespace Inet.News.Par2;

/// <summary>The checksums of one slice (the last one zero-padded to the slice size).</summary>
public readonly record struct Par2SliceChecksum(Par2Hash Md5, uint Crc32);
