namespace Inet.Nntp.Server;

/// <summary>Thrown inside a session when the byte-count fault fires; the session closes the socket.</summary>
internal sealed class FaultDisconnectException : Exception
{
    public FaultDisconnectException()
        : base("Fault injection: disconnect after the configured number of bytes.")
    {
    }
}
