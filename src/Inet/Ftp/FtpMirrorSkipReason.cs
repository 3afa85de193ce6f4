namespace Inet.Ftp;

/// <summary>Why a mirror left an entry alone.</summary>
public enum FtpMirrorSkipReason
{
    /// <summary>The name could leave the target folder or harm it: "..", a separator, CR, LF, NUL, too long, invalid here.</summary>
    UnsafeName,

    /// <summary>The name ends in <c>.inet-part</c>, which marks unfinished transfers.</summary>
    ReservedName,

    /// <summary>The folder listed the name twice (or twice but for case, on a file system that ignores case).</summary>
    DuplicateName,

    /// <summary>A link or folder that leads back to itself or one of its parents.</summary>
    SymlinkLoop,

    /// <summary>A link to a folder outside the mirrored folder.</summary>
    LinkOutsideTree,

    /// <summary>A link that leads nowhere that can be read.</summary>
    LinkTargetMissing,

    /// <summary>A file on one side where the other has a folder, or the reverse.</summary>
    TypeConflict,

    /// <summary>A local symbolic link stands where the mirror would write; it is not written through.</summary>
    LocalLink,

    /// <summary>Deeper than <see cref="FtpMirrorOptions.MaxDepth"/>.</summary>
    TooDeep,

    /// <summary>Neither a file, a folder nor a link: a device, a pipe, an unknown type.</summary>
    NotAFile,

    /// <summary>A listing line that could not be read; <see cref="FtpMirrorSkip.Name"/> holds the whole line.</summary>
    UnreadableListing,
}
