using System.Net.Sockets;
using Inet.Core;

namespace Inet.Ftp.Mirror;

internal static class MirrorErrors
{
    /// <summary>
    /// Errors that end one file (or one folder) but not the run: refusals, broken or short transfers, local
    /// file trouble, timeouts, a connection out of step. Cancellation by the caller is never one.
    /// </summary>
    public static bool IsItemFailure(Exception e, CancellationToken cancellationToken) => e switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested, // an internal timeout
        IOException or ProtocolException or UnauthorizedAccessException or TimeoutException or SocketException => true,
        InvalidOperationException or ArgumentOutOfRangeException => true, // a connection out of step; a file that shrank under REST
        _ => false,
    };

    /// <summary>The message of <paramref name="e"/>, printable.</summary>
    public static string Message(Exception e) => Printable.Escape(e.Message);
}
