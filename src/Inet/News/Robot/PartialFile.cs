namespace Inet.News.Robot;

/// <summary>One part already in a partial file's temp file: which article it came from, where it is, its CRC.</summary>
public sealed record PartialPart(int Part, long Article, long Offset, long Length, uint Crc32);

/// <summary>
/// A yEnc file whose assembly a stopped run left behind: its temp file and the parts in it, so the
/// next run fetches only the missing parts (each kept part is re-checked against its CRC first).
/// </summary>
public sealed record PartialFile(string Server, string Group, string Name, string TempLeaf, long? Size, int Total, IReadOnlyList<PartialPart> Parts);
