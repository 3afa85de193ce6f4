using Inet.Codecs;

namespace Inet.News.Robot;

/// <summary>What a robot run found: every file written (or kept aside), and the article counts.</summary>
public sealed class RobotReport
{
    private readonly Lock _gate = new();
    private readonly List<FileReport> _files = [];
    private readonly List<string> _warnings = [];

    public IReadOnlyList<FileReport> Files { get { lock (_gate) return _files.ToList(); } }

    public IReadOnlyList<string> Warnings { get { lock (_gate) return _warnings.ToList(); } }

    /// <summary>Overview records examined.</summary>
    public long ArticlesSeen;

    /// <summary>Articles left out by the filters or already done in an earlier run.</summary>
    public long ArticlesSkipped;

    /// <summary>Articles downloaded and decoded.</summary>
    public long ArticlesFetched;

    /// <summary>Articles that could not be fetched (missing on the server, connection lost twice).</summary>
    public long ArticlesFailed;

    /// <summary>Article bytes received (after dot-unstuffing).</summary>
    public long BytesReceived;

    public TimeSpan Elapsed { get; set; }

    /// <summary>True when the run was stopped (Ctrl-C) before it finished.</summary>
    public bool Cancelled { get; set; }

    public bool AllOk => Files.All(f => f.Status == AssemblyStatus.Ok) && ArticlesFailed == 0;

    internal void Add(FileReport file) { lock (_gate) _files.Add(file); }

    internal void Warn(string warning) { lock (_gate) _warnings.Add(warning); }
}

/// <summary>One file the robot produced: where it is, its size and CRC, and whether it is whole.</summary>
public sealed record FileReport(string Name, string? Path, long Size, uint? Crc32, AssemblyStatus Status,
    string Kind, int PartsFound, IReadOnlyList<int> PartsMissing, string Group);

/// <summary>Progress of a run, for bars and logs.</summary>
public sealed record RobotProgress(string Event, string? FileName, long FileBytes, long? FileSize, long TotalBytes, long TotalExpected);
