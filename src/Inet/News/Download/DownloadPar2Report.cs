using Inet.News.Par2;

namespace Inet.News.Download;

/// <summary>The PAR2 check of one recovery set after the download.</summary>
/// <param name="Par2File">The main .par2 file (path).</param>
/// <param name="Files">Per protected file: status before repair, damaged slices, status after repair.</param>
/// <param name="Repair">Outcome of the external repair, or null when it was not needed or not run.</param>
/// <param name="Message">Why no repair ran, or what went wrong reading the set.</param>
public sealed record DownloadPar2Report(string Par2File, IReadOnlyList<DownloadPar2File> Files, Par2RepairStatus? Repair, string? Message)
{
    /// <summary>True when every protected file verifies (after repair, if one ran).</summary>
    public bool AllOk => Files.Count > 0 && Files.All(f => f.Final == Par2FileStatus.Ok);
}
