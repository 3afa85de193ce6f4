using System.Net;
using System.Net.Sockets;

namespace Inet.Core;

/// <summary>Opens TCP connections within a time limit, for command and data connections alike.</summary>
internal static class TcpConnector
{
    /// <summary>
    /// Connects a new socket to <paramref name="endpoint"/> (a <see cref="DnsEndPoint"/> tries every
    /// resolved address, IPv6 and IPv4). Running out of <paramref name="timeout"/> is a <see cref="TimeoutException"/>.
    /// </summary>
    public static async Task<Socket> ConnectAsync(EndPoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = endpoint is IPEndPoint ip
            ? new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        socket.NoDelay = true;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(endpoint, limit.Token).ConfigureAwait(false);
            return socket;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"Connecting to {Describe(endpoint)} took longer than {timeout.TotalSeconds:0.#} s.");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static string Describe(EndPoint endpoint) => endpoint is DnsEndPoint dns ? $"{dns.Host}:{dns.Port}" : endpoint.ToString() ?? "?";
}
