using Inet.Codecs;
using Inet.News.Nzb;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inet.News.Download;

/// <summary>The shared state of one running job: files, scheduler, journal, counters and progress.</summary>
internal sealed class DownloadRun
{
    private readonly IProgress<DownloadProgress>? _progress;
    private long _bytesDone;
    private int _segmentsDone;

    public DownloadRun(DownloadOptions options, IReadOnlyList<DownloadFile> files, SegmentScheduler scheduler, JobJournal journal,
        DownloadReport report, IProgress<DownloadProgress>? progress)
    {
        Options = options;
        Files = files;
        Scheduler = scheduler;
        Journal = journal;
        Report = report;
        _progress = progress;
        Log = options.Logger ?? NullLogger.Instance;
        BytesTotal = files.Sum(f => f.Nzb.TotalBytes);
    }

    public DownloadOptions Options { get; }

    public IReadOnlyList<DownloadFile> Files { get; }

    public SegmentScheduler Scheduler { get; }

    public JobJournal Journal { get; }

    public DownloadReport Report { get; }

    public ILogger Log { get; }

    public long BytesTotal { get; }

    /// <summary>Counts segments an earlier run already did toward the progress totals.</summary>
    public void CountResumed(int segments, long bytes)
    {
        Interlocked.Add(ref _segmentsDone, segments);
        Interlocked.Add(ref _bytesDone, bytes);
    }

    /// <summary>A segment was delivered intact: journal it, and finish its file if it was the last one.</summary>
    public void Delivered(SegmentWork work, SegmentDecodeResult decoded)
    {
        Journal.SegmentDone(work.File.Index, work.Segment.Number,
            new PartRecord(decoded.Part, decoded.Offset, decoded.ExpectedLength, decoded.Yenc.DecodedLength, decoded.Yenc.Crc32, PartStatus.Ok));
        Interlocked.Increment(ref Report._downloaded);
        Finished(work, SegmentFailure.None);
    }

    /// <summary>No server delivered the segment intact.</summary>
    public void FailedEverywhere(SegmentWork work)
    {
        Interlocked.Increment(ref Report._failed);
        var what = work.Failure == SegmentFailure.Damaged ? "damaged" : work.Failure == SegmentFailure.Connection ? "not fetched (connections failed)" : "missing";
        Report.Warn($"{work.File.SubjectName} segment {work.Segment.Number} <{work.Segment.MessageId}>: {what} on every server");
        Finished(work, work.Failure == SegmentFailure.None ? SegmentFailure.Missing : work.Failure);
    }

    /// <summary>Reports progress for a file finished when the run starts (all its segments came from the journal).</summary>
    public void FinishFile(DownloadFile file)
    {
        var report = file.Finish();
        Journal.FileFinished(file.Index, report);
        _progress?.Report(new DownloadProgress("file", report.Name, Interlocked.Read(ref _bytesDone), BytesTotal, Volatile.Read(ref _segmentsDone), Report.SegmentsTotal));
    }

    private void Finished(SegmentWork work, SegmentFailure failure)
    {
        var done = Interlocked.Increment(ref _segmentsDone);
        var bytes = Interlocked.Add(ref _bytesDone, work.Segment.Bytes);
        var last = work.File.SegmentFinished(work.Segment.Number, failure);
        Scheduler.Completed();
        _progress?.Report(new DownloadProgress("segment", work.File.Assembler?.FileName ?? work.File.SubjectName, bytes, BytesTotal, done, Report.SegmentsTotal));
        if (last)
            FinishFile(work.File);
    }

    public static IReadOnlyList<DownloadFile> Plan(NzbDocument nzb) =>
        nzb.Files.Select((f, i) => new DownloadFile(i, f)).ToList();
}
