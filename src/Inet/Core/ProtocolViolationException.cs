namespace Inet.Core;

/// <summary>
/// The server broke the protocol: a malformed, oversized or truncated reply. The connection is
/// out of step afterwards and has been closed.
/// </summary>
public class ProtocolViolationException : IOException
{
    public ProtocolViolationException(string message) : base(message) { }

    public ProtocolViolationException(string message, Exception inner) : base(message, inner) { }
}
