using System.Collections.Concurrent;

namespace Inet.News.Download;

/// <summary>The outcome of a <see cref="DownloadEngine"/> job: per file, per server, PAR2, totals.</summary>
public sealed class DownloadReport
{
    private readonly ConcurrentQueue<string> _warnings = new();

    internal DownloadReport(IReadOnlyList<DownloadServerReport> servers) => Servers = servers;

    /// <summary>The files of the NZB, in NZB order.</summary>
    public IReadOnlyList<DownloadFileReport> Files { get; internal set; } = [];

    /// <summary>Per server, in priority order.</summary>
    public IReadOnlyList<DownloadServerReport> Servers { get; }

    /// <summary>One entry per PAR2 recovery set found among the files.</summary>
    public IReadOnlyList<DownloadPar2Report> Par2 { get; internal set; } = [];

    /// <summary>Problems worth telling (missing segments, dropped connections).</summary>
    public IReadOnlyCollection<string> Warnings => _warnings;

    /// <summary>Segments in the NZB.</summary>
    public int SegmentsTotal { get; internal set; }

    /// <summary>Segments downloaded and verified in this run.</summary>
    public int SegmentsDownloaded => _downloaded;

    /// <summary>Segments already done by an earlier run (from the state file), not fetched again.</summary>
    public int SegmentsResumed { get; internal set; }

    /// <summary>Segments that no server delivered intact.</summary>
    public int SegmentsFailed => _failed;

    /// <summary>Segments tried on a lower-priority server after the one before failed them.</summary>
    public int Failovers => _failovers;

    /// <summary>Article bytes received (after dot-unstuffing, before yEnc decoding).</summary>
    public long BytesReceived => Interlocked.Read(ref _bytes);

    /// <summary>Wall-clock time of the run.</summary>
    public TimeSpan Elapsed { get; internal set; }

    /// <summary>True when the run was cancelled; the state file lets a new run continue.</summary>
    public bool Cancelled { get; internal set; }

    /// <summary>The job's state file.</summary>
    public string StateFile { get; internal set; } = "";

    /// <summary>True when some server could not be used at all.</summary>
    public bool NetworkFailed => Servers.Any(s => s.Unreachable);

    /// <summary>
    /// True when the run finished and every file is intact: downloaded ok, repaired, or (for .par2
    /// volumes) part of a recovery set that verifies.
    /// </summary>
    public bool AllOk => !Cancelled && Files.Count > 0 && Files.All(f => f.IsOk || IsSpareVolume(f)) && Par2.All(p => p.AllOk);

    private bool IsSpareVolume(DownloadFileReport file) =>
        file.Name.EndsWith(".par2", StringComparison.OrdinalIgnoreCase) && Par2.Count > 0 && Par2.All(p => p.AllOk);

    internal int _downloaded;
    internal int _failed;
    internal int _failovers;
    internal long _bytes;

    internal void Warn(string message) => _warnings.Enqueue(message);
}
