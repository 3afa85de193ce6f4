namespace Inet.News.Posting;

/// <summary>The outcome of posting one file: where it went and each of its parts.</summary>
/// <param name="Path">The local file.</param>
/// <param name="FileName">The name posted (in subjects and encoder headers).</param>
/// <param name="Size">File size in bytes.</param>
/// <param name="Crc32">CRC32 of the whole file (computed for yEnc, else null).</param>
/// <param name="Subject">Subject of the first part; the NZB file subject.</param>
/// <param name="From">The From header used.</param>
/// <param name="Newsgroups">The groups posted to.</param>
/// <param name="Date">When the first part was sent.</param>
/// <param name="Parts">Every part in order, posted or not.</param>
public sealed record PostResult(
    string Path, string FileName, long Size, uint? Crc32, string Subject, string From,
    IReadOnlyList<string> Newsgroups, DateTimeOffset Date, IReadOnlyList<PostedPart> Parts)
{
    /// <summary>True when every part is on the server.</summary>
    public bool IsComplete => Parts.All(p => p.IsPosted);

    /// <summary>Parts the server refused.</summary>
    public IEnumerable<PostedPart> Refused => Parts.Where(p => p.Status == PartPostStatus.Refused);

    /// <summary>Parts lost to network or authentication failures.</summary>
    public IEnumerable<PostedPart> Failed => Parts.Where(p => p.Status == PartPostStatus.Failed);
}
