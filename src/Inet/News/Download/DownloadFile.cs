using Inet.Codecs;
using Inet.Codecs.Yenc;
using Inet.News.Nzb;

namespace Inet.News.Download;

/// <summary>
/// One file of the job: its assembler (created when the first segment's yEnc header arrives, or reopened
/// from the state file), and the count of segments still open. Thread-safe.
/// </summary>
internal sealed class DownloadFile
{
    private readonly Lock _gate = new();
    private readonly HashSet<int> _done = [];
    private int _remaining;
    private int _missing;
    private int _damaged;

    public DownloadFile(int index, NzbFile nzb)
    {
        Index = index;
        Nzb = nzb;
        SubjectName = SafeFileName.Sanitize(nzb.ParsedSubject.FileName, $"file{index + 1}");
        _remaining = nzb.Segments.Count;
    }

    public int Index { get; }

    public NzbFile Nzb { get; }

    /// <summary>The sanitized name from the subject, used when no yEnc header names the file.</summary>
    public string SubjectName { get; }

    public MultipartAssembler? Assembler { get; private set; }

    /// <summary>The result once the file is finished (here, or in an earlier run).</summary>
    public DownloadFileReport? Report { get; private set; }

    /// <summary>Segments not yet handled.</summary>
    public int Remaining
    {
        get { lock (_gate) return _remaining; }
    }

    public bool IsDone(int segment)
    {
        lock (_gate)
            return _done.Contains(segment);
    }

    /// <summary>Takes the state of an earlier run: a reopened assembler and the segments already in it.</summary>
    public void Resume(MultipartAssembler assembler, IEnumerable<int> doneSegments)
    {
        lock (_gate)
        {
            Assembler = assembler;
            foreach (var segment in doneSegments)
            {
                if (_done.Add(segment))
                    _remaining--;
            }
        }
    }

    /// <summary>Marks the file as finished by an earlier run.</summary>
    public void ResumeFinished(DownloadFileReport report)
    {
        lock (_gate)
        {
            Report = report with { FromEarlierRun = true };
            _remaining = 0;
        }
    }

    /// <summary>
    /// The assembler for this file, created from the first yEnc header. <paramref name="created"/> runs under the file's lock,
    /// so the journal records the file before any other connection can record one of its segments.
    /// </summary>
    public MultipartAssembler GetAssembler(YencBeginLine begin, DownloadOptions job, Action<MultipartAssembler> created)
    {
        lock (_gate)
        {
            if (Assembler is null)
            {
                var options = new MultipartAssemblerOptions
                {
                    ExpectedSize = begin.Size > 0 ? begin.Size : null,
                    ExpectedPartCount = begin.IsMultipart ? Math.Max(begin.Total, 1) : 1,
                    Preallocate = true,
                    DirectWrites = job.DirectWrites,
                    WriteFault = job.WriteFault,
                };
                var name = string.IsNullOrWhiteSpace(begin.Name) ? SubjectName : SafeFileName.Sanitize(begin.Name, SubjectName);
                Assembler = new MultipartAssembler(job.OutputDirectory, name, options);
                created(Assembler);
            }
            return Assembler;
        }
    }

    /// <summary>Counts a handled segment; returns true when it was the last one (the caller finishes the file).</summary>
    public bool SegmentFinished(int segment, SegmentFailure failure)
    {
        lock (_gate)
        {
            if (failure == SegmentFailure.None)
                _done.Add(segment);
            else if (failure == SegmentFailure.Damaged)
                _damaged++;
            else
                _missing++;
            return --_remaining == 0;
        }
    }

    /// <summary>Closes the file: checks and renames it (or reports it missing when nothing arrived).</summary>
    public DownloadFileReport Finish()
    {
        lock (_gate)
        {
            if (Report is not null)
                return Report;
            var segments = Nzb.Segments.Count;
            if (Assembler is null)
            {
                Report = new DownloadFileReport(SubjectName, null, AssemblyStatus.Incomplete, 0, null, segments, _missing, _damaged);
                return Report;
            }
            var result = Assembler.Finish();
            Report = new DownloadFileReport(result.FileName, result.Path, result.Status, result.Size, result.Crc32, segments, _missing, _damaged);
            return Report;
        }
    }

    /// <summary>Keeps the temp file for a later run (cancelled job).</summary>
    public void Detach()
    {
        lock (_gate)
        {
            if (Report is null)
                Assembler?.Detach();
        }
    }
}
