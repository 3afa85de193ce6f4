using System.Net;
using System.Net.Sockets;

namespace Inet.Core;

/// <summary>
/// Listens for the one data connection a server opens to us (FTP active mode: PORT/EPRT), on the
/// local address of the command connection, so it is reachable the way the server already reaches us.
/// </summary>
public sealed class DataListener : IDisposable
{
    private readonly Socket _socket;

    public DataListener(IPAddress localAddress)
    {
        ArgumentNullException.ThrowIfNull(localAddress);
        _socket = new Socket(localAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            _socket.Bind(new IPEndPoint(localAddress, 0));
            _socket.Listen(1);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>
    /// Waits for the server's connection. One from any address but the expected one is refused and
    /// waited past (RFC 2577: a third party must not slip in data).
    /// </summary>
    public async Task<DataConnection> AcceptAsync(IPAddress expectedPeer, ConnectionSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expectedPeer);
        ArgumentNullException.ThrowIfNull(settings);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.ConnectTimeout);
        try
        {
            while (true)
            {
                var socket = await _socket.AcceptAsync(timeout.Token).ConfigureAwait(false);
                if (socket.RemoteEndPoint is IPEndPoint peer && SameAddress(peer.Address, expectedPeer))
                    return new DataConnection(socket, settings.ReadTimeout);
                socket.Dispose();
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The server did not open the data connection to {LocalEndPoint} within {settings.ConnectTimeout.TotalSeconds:0.#} s.");
        }
    }

    public void Dispose() => _socket.Dispose();

    private static bool SameAddress(IPAddress a, IPAddress b) =>
        (a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a).Equals(b.IsIPv4MappedToIPv6 ? b.MapToIPv4() : b);
}
