namespace Inet.Codecs.Yenc;

/// <summary>Header values for one part that <see cref="YencPartWriter"/> writes.</summary>
/// <param name="Name">File name for <c>name=</c> (no CR, LF or NUL).</param>
/// <param name="FileSize">Size of the whole file.</param>
/// <param name="Part">Part number (1-based), or 0 for a single-part post (no <c>=ypart</c> line).</param>
/// <param name="Total">Total parts of a multipart post.</param>
/// <param name="Begin">1-based offset of the part's first byte in the file.</param>
/// <param name="FileCrc32">Whole-file CRC32 to write as <c>crc32=</c> in a multipart post's <c>=yend</c>, if known.</param>
public readonly record struct YencPartSpec(string Name, long FileSize, int Part = 0, int Total = 0, long Begin = 1, uint? FileCrc32 = null);
