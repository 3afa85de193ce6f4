using System.Diagnostics;
using Inet.Codecs;
using Inet.News.Nzb;

namespace Inet.News.Download;

/// <summary>
/// Downloads the files of an NZB: a pool of pipelining connections per server, streaming yEnc decoding
/// into preallocated files at each part's offset, failover between servers by priority, a resumable
/// state file, and a PAR2 check (and repair with par2cmdline) at the end. Memory stays bounded: per
/// connection one read buffer and a batch of segments, whatever the size of the job.
/// </summary>
public sealed class DownloadEngine
{
    private readonly DownloadOptions _options;

    /// <summary>Checks the options; nothing is opened until <see cref="RunAsync"/>.</summary>
    public DownloadEngine(DownloadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Servers.Count == 0)
            throw new ArgumentException("Give at least one server.", nameof(options));
        if (options.Servers.Any(s => s.Connections < 1))
            throw new ArgumentException("Every server needs at least one connection.", nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PipelineDepth, 1, nameof(options));
        _options = options with { OutputDirectory = Path.GetFullPath(options.OutputDirectory) };
    }

    /// <summary>
    /// Runs the job (or continues it from its state file). Cancelling stops it and keeps the partial files
    /// for the next run; the report then has <see cref="DownloadReport.Cancelled"/> set. A file that cannot be written
    /// (disk full) stops the job the same way and throws <see cref="OutputWriteException"/>; run it again once fixed.
    /// </summary>
    public async Task<DownloadReport> RunAsync(NzbDocument nzb, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nzb);
        var clock = Stopwatch.StartNew();
        var directory = _options.OutputDirectory;
        Directory.CreateDirectory(directory);
        var report = new DownloadReport(_options.Servers.Select(s => new DownloadServerReport(s.DisplayName)).ToList());
        var files = DownloadRun.Plan(nzb);
        var jobId = JobJournal.JobId(nzb.Files.SelectMany(f => f.Segments).Select(s => s.MessageId));
        var statePath = _options.StateFile ?? Path.Combine(directory, $".inet-nzb-{jobId}.journal");
        report.StateFile = statePath;
        report.SegmentsTotal = files.Sum(f => f.Nzb.Segments.Count);

        using var journal = JobJournal.Open(statePath, jobId);
        using var scheduler = new SegmentScheduler(_options.Servers, _options.MaxAttemptsPerServer);
        var run = new DownloadRun(_options, files, scheduler, journal, report, progress);
        report.SegmentsResumed = ResumeLoader.Apply(journal, files, directory, _options.DirectWrites, report);
        run.CountResumed(report.SegmentsResumed, files.Sum(f => f.Nzb.Segments.Where(s => f.Report is not null || f.IsDone(s.Number)).Sum(s => s.Bytes)));
        foreach (var file in files)
        {
            if (file.Report is null && file.Remaining == 0)
                run.FinishFile(file); // every segment done before, or an empty file entry
            foreach (var segment in file.Nzb.Segments)
            {
                if (file.Report is not null || file.IsDone(segment.Number))
                    continue;
                var work = new SegmentWork(file, segment);
                if (IsFetchable(segment.MessageId))
                {
                    scheduler.Add(work);
                    continue;
                }
                scheduler.AddUnfetchable();
                work.Failure = SegmentFailure.Missing;
                run.FailedEverywhere(work);
            }
        }

        var workers = _options.Servers
            .SelectMany((s, index) => Enumerable.Range(0, s.Connections).Select(_ => new ConnectionWorker(run, index)))
            .Select(w => (Func<CancellationToken, Task>)w.RunAsync);
        try
        {
            await WorkerGroup.RunAsync(workers, cancellationToken).ConfigureAwait(false);
        }
        catch (OutputWriteException)
        {
            // Every connection has stopped: the job is kept for a resume.
            foreach (var file in files)
                file.Detach();
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            foreach (var file in files)
                file.Detach();
            report.Cancelled = true;
            report.Files = files.Select(f => f.Report ?? new DownloadFileReport(f.Assembler?.FileName ?? f.SubjectName, null,
                Codecs.AssemblyStatus.Incomplete, 0, null, f.Nzb.Segments.Count, 0, 0)).ToList();
            report.Elapsed = clock.Elapsed;
            return report;
        }
        foreach (var file in files)
        {
            if (file.Report is null)
                run.FinishFile(file); // only when a worker stopped early; normally each file finishes with its last segment
        }
        report.Files = files.Select(f => f.Report!).ToList();
        if (_options.VerifyPar2)
        {
            var par2 = new Par2Step(_options, report);
            report.Par2 = await par2.RunAsync(progress, cancellationToken).ConfigureAwait(false);
        }
        report.Elapsed = clock.Elapsed;
        return report;
    }

    // A message-id that could not be sent as a command argument (CR/LF, spaces, brackets) is never requested.
    private static bool IsFetchable(string messageId)
    {
        try
        {
            _ = Nntp.ArticleId.ByMessageId(messageId);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
