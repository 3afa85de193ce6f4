namespace Inet.News.Download;

/// <summary>
/// A progress event: <c>segment</c> (a segment was handled), <c>file</c> (a file was finished) or
/// <c>par2</c> (a set was verified/repaired), with the job's running totals.
/// </summary>
public sealed record DownloadProgress(string Event, string? FileName, long BytesDone, long BytesTotal, int SegmentsDone, int SegmentsTotal);
