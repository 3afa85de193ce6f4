namespace Inet.Ftp;

/// <summary>What <see cref="FtpMirror"/> copies, in which direction, and how.</summary>
public sealed record FtpMirrorOptions
{
    /// <summary>The most connections a mirror opens for transfers.</summary>
    public const int MaxParallel = 64;

    /// <summary>How every connection connects and logs in: the listing connection and each transfer worker.</summary>
    public required FtpClientOptions Client { get; init; }

    /// <summary>The local folder. A download creates it when missing (not in a dry run).</summary>
    public required string LocalPath { get; init; }

    /// <summary>The remote folder: absolute, or relative to the login folder. Null means the URL's path (<see cref="FtpClientOptions.Path"/>).</summary>
    public string? RemotePath { get; init; }

    /// <summary>Upload the local folder to the server (lftp's <c>mirror -R</c>) instead of downloading.</summary>
    public bool Reverse { get; init; }

    /// <summary>Files transferred at once, each worker over its own connection; the listing has one more.</summary>
    public int Parallel { get; init; } = 1;

    /// <summary>Report what would be transferred and created; change nothing, local or remote.</summary>
    public bool DryRun { get; init; }

    /// <summary>Folders deeper than this below the root are skipped: the backstop against link loops a server hides.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>
    /// Upload into a hidden partial name (<c>.name.inet-part</c>) and rename it into place (RNFR/RNTO) when
    /// whole, so nobody sees a half file. Turn off for servers that refuse RNFR; uploads then go to the name itself.
    /// </summary>
    public bool UploadViaPartialName { get; init; } = true;
}
