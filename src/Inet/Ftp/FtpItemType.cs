namespace Inet.Ftp;

/// <summary>What a listing entry is.</summary>
public enum FtpItemType
{
    /// <summary>A regular file.</summary>
    File,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link (or a Windows junction); <see cref="FtpItem.LinkTarget"/> holds its target when the server said.</summary>
    Link,

    /// <summary>Anything else: devices, pipes, sockets, unknown MLSD types.</summary>
    Other,

    /// <summary>The listed directory itself: MLSD <c>type=cdir</c>, or "." in LIST output. Callers usually skip it.</summary>
    CurrentDirectory,

    /// <summary>The parent directory: MLSD <c>type=pdir</c>, or ".." in LIST output. Callers usually skip it.</summary>
    ParentDirectory,
}
