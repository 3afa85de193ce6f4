namespace Inet.News.Par2;

/// <summary>Outcome of verifying one file of a recovery set.</summary>
public enum Par2FileStatus
{
    /// <summary>Size and full MD5 match.</summary>
    Ok,
    /// <summary>Right size, but the content differs (see the damaged slices).</summary>
    Damaged,
    /// <summary>The file exists with a different length.</summary>
    WrongSize,
    /// <summary>No file of that name exists.</summary>
    Missing,
    /// <summary>The stored name is absolute or leaves the folder; the file was not touched.</summary>
    UnsafeName,
}
