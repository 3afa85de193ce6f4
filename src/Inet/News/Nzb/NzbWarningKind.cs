namespace Inet.News.Nzb;

/// <summary>What kind of problem an <see cref="NzbWarning"/> reports.</summary>
public enum NzbWarningKind
{
    /// <summary>Two segments share a number; the later one was dropped.</summary>
    DuplicateSegment,
    /// <summary>Segment numbers between 1 and the highest are absent (the file is incomplete).</summary>
    MissingSegments,
    /// <summary>A segment number is absent, not a number or not positive; the segment was dropped.</summary>
    InvalidSegmentNumber,
    /// <summary>A segment's byte count is not a non-negative number; it was read as 0.</summary>
    InvalidBytes,
    /// <summary>A message-id is empty or holds characters that cannot be sent; the segment was dropped.</summary>
    InvalidMessageId,
    /// <summary>A file's date is not a Unix timestamp; it was ignored.</summary>
    InvalidDate,
    /// <summary>A file has no usable segments.</summary>
    NoSegments,
}
