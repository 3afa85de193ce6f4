namespace Inet.Core;

/// <summary>The server closed the connection while a reply or a data block was still expected.</summary>
public class ConnectionClosedException : IOException
{
    public ConnectionClosedException(string message) : base(message) { }
}
