namespace Inet.News.Download;

/// <summary>What one server did in a job.</summary>
public sealed class DownloadServerReport
{
    internal DownloadServerReport(string name) => Name = name;

    /// <summary>The server's display name.</summary>
    public string Name { get; }

    /// <summary>BODY commands answered with a body.</summary>
    public int Fetched => _fetched;

    /// <summary>Segments the server did not have (430/423 or another refusal).</summary>
    public int Missing => _missing;

    /// <summary>Segments that arrived damaged (CRC or length wrong, cut short, not yEnc).</summary>
    public int Damaged => _damaged;

    /// <summary>Connections that dropped or could not be opened.</summary>
    public int ConnectionFailures => _failures;

    /// <summary>True when every connection gave up: the server was dropped from the job.</summary>
    public bool Unreachable { get; internal set; }

    internal int _fetched;
    internal int _missing;
    internal int _damaged;
    internal int _failures;
}
