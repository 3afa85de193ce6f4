namespace Inet.Nntp.Server;

/// <summary>Outcome of reading one line from a client.</summary>
internal enum LineStatus
{
    /// <summary>A complete line is available.</summary>
    Line,
    /// <summary>The line was longer than allowed; it has been discarded up to and including its LF.</summary>
    TooLong,
    /// <summary>The client closed the connection (a trailing partial line is dropped).</summary>
    EndOfStream,
}
