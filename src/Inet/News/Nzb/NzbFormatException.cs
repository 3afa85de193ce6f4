namespace Inet.News.Nzb;

/// <summary>The input is not well-formed XML, not an NZB, or uses a forbidden XML feature
/// (entity declarations). <see cref="LineNumber"/>/<see cref="LinePosition"/> locate it (1-based, 0 = unknown).</summary>
public sealed class NzbFormatException : FormatException
{
    public NzbFormatException() { }

    public NzbFormatException(string message) : base(message) { }

    public NzbFormatException(string message, Exception? innerException) : base(message, innerException) { }

    public NzbFormatException(string message, int lineNumber, int linePosition, Exception? innerException = null)
        : base(FormattableString.Invariant($"{message} (line {lineNumber}, position {linePosition})"), innerException)
    {
        LineNumber = lineNumber;
        LinePosition = linePosition;
    }

    /// <summary>1-based line of the problem, or 0 when not known.</summary>
    public int LineNumber { get; }

    /// <summary>1-based position in the line, or 0 when not known.</summary>
    public int LinePosition { get; }
}
