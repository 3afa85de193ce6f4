namespace Inet.News.Nzb;

/// <summary>A problem found while reading an NZB that did not stop the read.</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="FileIndex">Index of the file in <see cref="NzbDocument.Files"/>.</param>
/// <param name="Message">Human-readable description (input text is escaped and shortened).</param>
/// <param name="SegmentNumbers">Segment numbers concerned (e.g. the missing ones), possibly empty.</param>
/// <param name="LineNumber">1-based line of the element concerned, or 0 when not known.</param>
/// <param name="LinePosition">1-based position in that line, or 0 when not known.</param>
public sealed record NzbWarning(
    NzbWarningKind Kind,
    int FileIndex,
    string Message,
    IReadOnlyList<int> SegmentNumbers,
    int LineNumber,
    int LinePosition);
