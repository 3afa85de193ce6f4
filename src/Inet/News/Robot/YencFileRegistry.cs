using Inet.Codecs;
using Inet.Codecs.Yenc;

namespace Inet.News.Robot;

/// <summary>
/// The yEnc files being assembled in this run, keyed by the (sanitized) name in their =ybegin
/// line. Tracks which articles fed each file so the state can be updated when it is finished.
/// </summary>
internal sealed class YencFileRegistry : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _files = new(StringComparer.Ordinal);
    private readonly string _directory;

    private readonly bool _directWrites;
    private readonly Action<long>? _writeFault;

    public YencFileRegistry(string directory, bool directWrites, Action<long>? writeFault = null)
    {
        _directory = directory;
        _directWrites = directWrites;
        _writeFault = writeFault;
    }

    internal sealed class Entry(MultipartAssembler assembler, int total, string group, long? size)
    {
        public MultipartAssembler Assembler { get; } = assembler;
        public int Total { get; } = total;
        public string Group { get; } = group;
        public long? Size { get; } = size;
        public HashSet<int> PartsDone { get; } = [];
        public List<long> Articles { get; } = [];

        /// <summary>Which article each finished part came from (to resume a stopped run).</summary>
        public Dictionary<int, long> PartArticles { get; } = [];
        public bool Finished { get; set; }
    }

    /// <summary>Takes over a file a stopped run left half assembled, with the parts already in it.</summary>
    public void Seed(string name, MultipartAssembler assembler, int total, string group, long? size, IEnumerable<PartialPart> parts)
    {
        var entry = new Entry(assembler, total, group, size);
        foreach (var part in parts)
        {
            entry.PartsDone.Add(part.Part);
            entry.Articles.Add(part.Article);
            entry.PartArticles[part.Part] = part.Article;
        }
        lock (_gate)
            _files[name] = entry;
    }

    public Entry Get(YencBeginLine begin, string group)
    {
        var name = SafeFileName.Sanitize(begin.Name);
        lock (_gate)
        {
            // A finished entry means the same name was posted again (a repost): assemble it anew; it is
            // placed under a free name next to the first.
            if (!_files.TryGetValue(name, out var entry) || entry.Finished)
            {
                var total = Math.Max(begin.Total, 1);
                var options = new MultipartAssemblerOptions
                {
                    ExpectedSize = begin.Size > 0 ? begin.Size : null,
                    ExpectedPartCount = begin.IsMultipart ? total : 1,
                    OverwriteExisting = false,
                    DirectWrites = _directWrites,
                    WriteFault = _writeFault,
                };
                _files[name] = entry = new Entry(new MultipartAssembler(_directory, name, options), begin.IsMultipart ? total : 1, group, options.ExpectedSize);
            }
            return entry;
        }
    }

    /// <summary>Records a finished part; returns true when the file now has every part (and should be finished).</summary>
    public bool PartDone(Entry entry, int part, long article)
    {
        lock (_gate)
        {
            entry.Articles.Add(article);
            entry.PartsDone.Add(part);
            entry.PartArticles[part] = article;
            return !entry.Finished && entry.PartsDone.Count >= entry.Total;
        }
    }

    /// <summary>The articles that fed <paramref name="entry"/> so far (a snapshot taken under the registry's lock).</summary>
    public List<long> ArticlesOf(Entry entry)
    {
        lock (_gate)
            return entry.Articles.ToList();
    }

    /// <summary>Every file of this run, by name.</summary>
    public List<KeyValuePair<string, Entry>> All()
    {
        lock (_gate)
            return _files.ToList();
    }

    /// <summary>Files not yet finished (at the end of a run).</summary>
    public List<Entry> Unfinished()
    {
        lock (_gate)
            return _files.Values.Where(e => !e.Finished).ToList();
    }

    /// <summary>Finishes the file once; returns null if another thread already did.</summary>
    public AssemblyResult? Finish(Entry entry)
    {
        lock (_gate)
        {
            if (entry.Finished)
                return null;
            entry.Finished = true;
        }
        return entry.Assembler.Finish();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var entry in _files.Values)
                entry.Assembler.Dispose();
        }
    }
}
