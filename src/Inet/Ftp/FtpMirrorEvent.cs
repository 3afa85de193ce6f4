namespace Inet.Ftp;

/// <summary>The kinds of <see cref="FtpMirrorProgress"/>.</summary>
public enum FtpMirrorEvent
{
    FolderListed,
    FolderCreated,

    /// <summary>A file needs a transfer (in a dry run: would need one).</summary>
    FileQueued,
    FileStarted,

    /// <summary>Bytes of a file moved.</summary>
    FileProgress,
    FileDone,
    FileFailed,
    Skipped,
}
