namespace Inet.Ftp.Mirror;

/// <summary>What the walk and the workers of one run share.</summary>
internal sealed class MirrorRun(FtpMirrorOptions options, MirrorCollector report)
{
    private int _liveWorkers;

    public FtpMirrorOptions Options { get; } = options;

    public MirrorCollector Report { get; } = report;

    /// <summary>The listing connection; set once it is logged in (workers start logging in before it).</summary>
    public MirrorLister Lister { get; set; } = null!;

    public MirrorQueue Queue { get; } = new();

    /// <summary>The remote folder being mirrored, where it really is (PWD after CWD).</summary>
    public string RemoteReal { get; set; } = "/";

    /// <summary>A file needs a transfer: queued for the workers, or only reported in a dry run.</summary>
    public void Enqueue(MirrorFile file)
    {
        Report.Queued(file, Options.DryRun);
        if (!Options.DryRun)
            Queue.Add(file);
    }

    public void Skip(string parentDisplay, string name, FtpMirrorSkipReason reason, string detail) =>
        Report.Skipped(MirrorNames.DisplayUnsafe(parentDisplay, name), name, reason, detail);

    /// <summary>Reports the listing lines of a folder that no parser could read; Name holds the line.</summary>
    public void SkipUnreadable(string folderDisplay, RemoteListing listing)
    {
        foreach (var line in listing.Unreadable)
            Skip(folderDisplay, line, FtpMirrorSkipReason.UnreadableListing, "a listing line that could not be read");
    }

    /// <summary>A worker starts (see <see cref="TryRetireWorker"/>).</summary>
    public void WorkerStarted() => Interlocked.Increment(ref _liveWorkers);

    /// <summary>
    /// A worker that cannot connect stops, unless it is the last one: the last keeps trying, file by file,
    /// so the queue always empties. True when the caller may stop.
    /// </summary>
    public bool TryRetireWorker()
    {
        if (Interlocked.Decrement(ref _liveWorkers) > 0)
            return true;
        Interlocked.Increment(ref _liveWorkers);
        return false;
    }
}
