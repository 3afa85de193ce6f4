using Inet.Codecs;

namespace Inet.News.Download;

/// <summary>What became of one file of the NZB.</summary>
/// <param name="Name">The sanitized file name (from the yEnc header, else the subject).</param>
/// <param name="Path">Where it is: the final name when ok, <c>name.damaged</c>/<c>name.incomplete</c> otherwise; null when nothing arrived.</param>
/// <param name="Status">Ok, or what is wrong (before any PAR2 repair).</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Crc32">CRC-32 of the whole file when known.</param>
/// <param name="Segments">Segments in the NZB.</param>
/// <param name="SegmentsMissing">Segments no server had.</param>
/// <param name="SegmentsDamaged">Segments that arrived damaged from every server that had them.</param>
public sealed record DownloadFileReport(string Name, string? Path, AssemblyStatus Status, long Size, uint? Crc32,
    int Segments, int SegmentsMissing, int SegmentsDamaged)
{
    /// <summary>True when a PAR2 repair restored the file afterwards.</summary>
    public bool Repaired { get; init; }

    /// <summary>True when the file was already finished by an earlier run of the job.</summary>
    public bool FromEarlierRun { get; init; }

    /// <summary>True when the file is complete: downloaded intact or repaired.</summary>
    public bool IsOk => Status == AssemblyStatus.Ok || Repaired;
}
