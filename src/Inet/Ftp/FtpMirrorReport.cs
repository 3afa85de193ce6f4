namespace Inet.Ftp;

/// <summary>
/// What a mirror run did (or, in a dry run, would do). Paths are relative to the mirrored folder, with '/'
/// between folders; "." is the folder itself. Each list is in path order.
/// </summary>
public sealed class FtpMirrorReport
{
    public bool DryRun { get; init; }

    /// <summary>True for an upload (local to remote).</summary>
    public bool Reverse { get; init; }

    /// <summary>Files copied whole (in a dry run: those that would be, with their full size).</summary>
    public IReadOnlyList<FtpMirrorTransfer> Transferred { get; init; } = [];

    /// <summary>Folders made on the receiving side.</summary>
    public IReadOnlyList<string> FoldersCreated { get; init; } = [];

    /// <summary>Entries left alone on purpose: unsafe names, loops, conflicts. Never silently dropped.</summary>
    public IReadOnlyList<FtpMirrorSkip> Skipped { get; init; } = [];

    /// <summary>Files and folders that could not be copied or listed; the rest went on without them.</summary>
    public IReadOnlyList<FtpMirrorFailure> Failed { get; init; } = [];

    /// <summary>Files already the same on both sides (size and time), so not transferred.</summary>
    public int Unchanged { get; init; }

    /// <summary>Bytes moved over data connections (resumed files count only the rest).</summary>
    public long Bytes => Transferred.Sum(t => t.Bytes);

    public TimeSpan Elapsed { get; init; }

    /// <summary>True when nothing failed (skips are not failures).</summary>
    public bool Success => Failed.Count == 0;
}
