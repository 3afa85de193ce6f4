using Inet.News.Par2;

namespace Inet.News.Download;

/// <summary>One file of a recovery set: what native verification found, and its state at the end.</summary>
/// <param name="Name">The name stored in the set.</param>
/// <param name="Verified">Status found by the native check after the download.</param>
/// <param name="DamagedSlices">Indices of the slices whose checksums failed (all of them for a missing file).</param>
/// <param name="Final">Status at the end (after the repair, if one ran).</param>
public sealed record DownloadPar2File(string Name, Par2FileStatus Verified, IReadOnlyList<long> DamagedSlices, Par2FileStatus Final);
