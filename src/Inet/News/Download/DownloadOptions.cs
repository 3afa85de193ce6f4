using Microsoft.Extensions.Logging;

namespace Inet.News.Download;

/// <summary>Settings of a <see cref="DownloadEngine"/> job.</summary>
public sealed record DownloadOptions
{
    /// <summary>The servers by priority: a segment missing or damaged on one is tried on the next.</summary>
    public required IReadOnlyList<DownloadServer> Servers { get; init; }

    /// <summary>The folder the files are written to (created if needed); no file is written outside it.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>BODY commands in flight per connection.</summary>
    public int PipelineDepth { get; init; } = 8;

    /// <summary>The job's state file; default <c>DIR/.inet-nzb-HASH.journal</c> (HASH from the NZB's message-ids).</summary>
    public string? StateFile { get; init; }

    /// <summary>Connection failures in a row after which a connection gives up (the server is dropped when all have).</summary>
    public int MaxReconnects { get; init; } = 5;

    /// <summary>First back-off delay after a dropped connection; doubled on every failure in a row (capped at 5 s).</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Times one segment may be cut off by a dropped connection on one server before that server is skipped for it.</summary>
    public int MaxAttemptsPerServer { get; init; } = 3;

    /// <summary>Verify with the job's .par2 files after downloading.</summary>
    public bool VerifyPar2 { get; init; } = true;

    /// <summary>Repair with the external par2 tool when verification finds damage (and the tool is installed).</summary>
    public bool RepairPar2 { get; init; } = true;

    /// <summary>The par2cmdline executable.</summary>
    public string Par2Executable { get; init; } = "par2";

    /// <summary>
    /// Write the downloaded files in whole blocks past the page cache where the file system allows it (Linux O_DIRECT):
    /// less than half the CPU per GiB. Off writes through the cache as usual (the files then stay cached for readers).
    /// </summary>
    public bool DirectWrites { get; init; } = true;

    /// <summary>Tests: passed on to every file's assembler (<see cref="Codecs.MultipartAssemblerOptions.WriteFault"/>).</summary>
    internal Action<long>? WriteFault { get; init; }

    /// <summary>Where warnings go.</summary>
    public ILogger? Logger { get; init; }
}
