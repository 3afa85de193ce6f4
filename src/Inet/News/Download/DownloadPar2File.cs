using Inet.News.Par2;

namespace Inet.News.Download;

/// <summary>One file of a recovery set: what native verification found, and its state at the end.</summary>
public sealed record DownloadPar2File(string Name, Par2FileStatus Verified, int DamagedSlices, Par2FileStatus Final);
