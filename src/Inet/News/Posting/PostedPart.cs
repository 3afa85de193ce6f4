namespace Inet.News.Posting;

/// <summary>One article of a posted file and its outcome.</summary>
/// <param name="FileName">The file's name as posted.</param>
/// <param name="Number">1-based part number.</param>
/// <param name="Total">Parts of the file.</param>
/// <param name="MessageId">The article's Message-ID with angle brackets.</param>
/// <param name="Offset">Zero-based offset of the part's data in the file.</param>
/// <param name="Bytes">Raw file bytes in this part.</param>
/// <param name="EncodedBytes">Article size sent (headers and encoded body, before dot-stuffing); 0 if never sent whole.</param>
/// <param name="Status">Posted, refused, failed or not tried.</param>
/// <param name="Attempts">How many times the part was tried (1 without retries).</param>
/// <param name="ReplyCode">The server's refusal code (e.g. 441), when there was one.</param>
/// <param name="Error">Why the part was not posted, or null.</param>
public sealed record PostedPart(
    string FileName, int Number, int Total, string MessageId, long Offset, long Bytes, long EncodedBytes,
    PartPostStatus Status, int Attempts, int? ReplyCode = null, string? Error = null)
{
    /// <summary>True when the server holds the article.</summary>
    public bool IsPosted => Status == PartPostStatus.Posted;
}
