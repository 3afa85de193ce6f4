namespace Inet.News.Posting;

/// <summary>A file queued for posting: where it is, the name it is posted under and its place in the batch.</summary>
internal sealed record PostFile(string Path, string Name, long Size, uint? Crc32, int Index, int Count);
