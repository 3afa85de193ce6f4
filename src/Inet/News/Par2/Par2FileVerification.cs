namespace Inet.News.Par2;

/// <summary>What verifying one file found.</summary>
/// <param name="File">The file's entry in the recovery set.</param>
/// <param name="Status">Overall result.</param>
/// <param name="DamagedSlices">Indices of slices whose MD5/CRC32 did not match (all slices for a missing
/// file); empty when the set has no slice checksums for the file.</param>
/// <param name="ActualLength">Length found on disk, or null when missing/unsafe.</param>
/// <param name="FoundAs">Another file in the folder with the same length and first-16 KiB MD5 (a
/// renamed copy, name relative to the folder), or null.</param>
public sealed record Par2FileVerification(
    Par2FileEntry File,
    Par2FileStatus Status,
    IReadOnlyList<long> DamagedSlices,
    long? ActualLength,
    string? FoundAs)
{
    /// <summary>The name from the File Description packet.</summary>
    public string Name => File.Description.Name;
}
