using Inet.Nntp;
using Microsoft.Extensions.Logging;

namespace Inet.News.Robot;

/// <summary>What the news robot follows and where it puts what it finds.</summary>
public sealed record NewsRobotOptions
{
    /// <summary>The server to read from (one connection per worker is opened with these options).</summary>
    public required NntpClientOptions Server { get; init; }

    public required IReadOnlyList<string> Groups { get; init; }

    /// <summary>Where decoded files go. Every name from the network stays inside it.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The state file; default <c>OutputDirectory/.inet/state.json</c>.</summary>
    public string? StateFile { get; init; }

    public ArticleFilter Filter { get; init; } = ArticleFilter.All;

    /// <summary>Parallel connections for downloading bodies.</summary>
    public int Connections { get; init; } = 4;

    /// <summary>BODY commands in flight per connection.</summary>
    public int PipelineDepth { get; init; } = 8;

    /// <summary>Save articles without binary content as .eml files under <c>text/</c>.</summary>
    public bool SaveText { get; init; }

    /// <summary>
    /// Write yEnc files in whole blocks past the page cache where the file system allows it (Linux O_DIRECT): much less
    /// CPU per GiB. Off writes through the cache as usual.
    /// </summary>
    public bool DirectWrites { get; init; } = true;

    /// <summary>Tests: passed on to every file's assembler (<see cref="Codecs.MultipartAssemblerOptions.WriteFault"/>).</summary>
    internal Action<long>? WriteFault { get; init; }

    /// <summary>Most articles looked at per group in one run (0 = all).</summary>
    public int MaxArticles { get; init; }

    public ILogger? Logger { get; init; }

    public string StatePath => StateFile ?? Path.Combine(OutputDirectory, ".inet", "state.json");
}
