namespace Inet.Ftp.Mirror;

/// <summary>Gathers a run's report from the walk and every worker at once, and tells the caller's progress as it goes.</summary>
internal sealed class MirrorCollector(IProgress<FtpMirrorProgress>? progress)
{
    private readonly Lock _gate = new();
    private readonly List<FtpMirrorTransfer> _transferred = [];
    private readonly List<string> _folders = [];
    private readonly List<FtpMirrorSkip> _skipped = [];
    private readonly List<FtpMirrorFailure> _failed = [];
    private int _unchanged;
    private int _filesQueued;
    private int _filesDone;
    private long _bytesQueued;
    private long _bytesDone;

    public void FolderListed(string path) => Tell(FtpMirrorEvent.FolderListed, Root(path));

    public void FolderCreated(string path)
    {
        lock (_gate)
            _folders.Add(Root(path));
        Tell(FtpMirrorEvent.FolderCreated, Root(path));
    }

    public void Unchanged()
    {
        lock (_gate)
            _unchanged++;
    }

    public void Skipped(string path, string name, FtpMirrorSkipReason reason, string detail)
    {
        lock (_gate)
            _skipped.Add(new FtpMirrorSkip(path, name, reason, detail));
        Tell(FtpMirrorEvent.Skipped, path);
    }

    /// <summary>A file to transfer; in a dry run it goes straight into the report as if transferred.</summary>
    public void Queued(MirrorFile file, bool dryRun)
    {
        lock (_gate)
        {
            _filesQueued++;
            _bytesQueued += file.Size ?? 0;
            if (dryRun)
            {
                _transferred.Add(new FtpMirrorTransfer(file.Display, file.Size ?? 0, 0));
                _filesDone++;
                _bytesDone += file.Size ?? 0;
            }
        }
        Tell(FtpMirrorEvent.FileQueued, file.Display, 0, file.Size);
    }

    /// <summary>A transfer begins at <paramref name="offset"/>: the resumed part counts as done.</summary>
    public void Started(MirrorFile file, long offset)
    {
        lock (_gate)
            _bytesDone += offset;
        Tell(FtpMirrorEvent.FileStarted, file.Display, offset, file.Size);
    }

    /// <summary><paramref name="delta"/> more bytes of <paramref name="file"/>; <paramref name="fileBytes"/> so far.</summary>
    public void Moved(MirrorFile file, long fileBytes, long delta)
    {
        lock (_gate)
            _bytesDone += delta;
        Tell(FtpMirrorEvent.FileProgress, file.Display, fileBytes, file.Size);
    }

    public void Done(MirrorFile file, long bytes, long resumedFrom)
    {
        lock (_gate)
        {
            _transferred.Add(new FtpMirrorTransfer(file.Display, bytes, resumedFrom));
            _filesDone++;
            _bytesDone += Math.Max(0, (file.Size ?? 0) - resumedFrom - bytes); // a file that grew or shrank still meets the total
        }
        Tell(FtpMirrorEvent.FileDone, file.Display, resumedFrom + bytes, file.Size);
    }

    /// <summary>A file failed after <paramref name="fileBytes"/> of it were done (resumed part included).</summary>
    public void Failed(MirrorFile file, Exception error, long fileBytes)
    {
        lock (_gate)
        {
            _failed.Add(new FtpMirrorFailure(file.Display, MirrorErrors.Message(error), error));
            _filesDone++;
            _bytesDone += Math.Max(0, (file.Size ?? 0) - fileBytes);
        }
        Tell(FtpMirrorEvent.FileFailed, file.Display, fileBytes, file.Size);
    }

    /// <summary>A folder that could not be listed or made, or an entry whose checks failed before it was queued.</summary>
    public void Failed(string path, Exception error)
    {
        lock (_gate)
            _failed.Add(new FtpMirrorFailure(path, MirrorErrors.Message(error), error));
        Tell(FtpMirrorEvent.FileFailed, path);
    }

    public FtpMirrorReport Build(FtpMirrorOptions options, TimeSpan elapsed)
    {
        lock (_gate)
        {
            return new FtpMirrorReport
            {
                DryRun = options.DryRun,
                Reverse = options.Reverse,
                Transferred = [.. _transferred.OrderBy(t => t.Path, StringComparer.Ordinal)],
                FoldersCreated = [.. _folders.Order(StringComparer.Ordinal)],
                Skipped = [.. _skipped.OrderBy(s => s.Path, StringComparer.Ordinal)],
                Failed = [.. _failed.OrderBy(f => f.Path, StringComparer.Ordinal)],
                Unchanged = _unchanged,
                Elapsed = elapsed,
            };
        }
    }

    private static string Root(string path) => path.Length == 0 ? "." : path;

    private void Tell(FtpMirrorEvent kind, string path, long fileBytes = 0, long? fileSize = null)
    {
        if (progress is null)
            return;
        FtpMirrorProgress step;
        lock (_gate)
            step = new FtpMirrorProgress(kind, path, fileBytes, fileSize, _filesDone, _filesQueued, _bytesDone, _bytesQueued);
        progress.Report(step);
    }
}
