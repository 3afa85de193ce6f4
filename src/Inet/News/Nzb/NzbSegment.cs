namespace Inet.News.Nzb;

/// <summary>One article of a file: its 1-based segment number, byte count and message-id
/// (normalised: without angle brackets).</summary>
public sealed record NzbSegment(int Number, long Bytes, string MessageId);
