using System.Net;
using System.Net.Sockets;

namespace Inet.Tests.Fakes;

/// <summary>
/// The server side of one FTP data connection for scripted tests: listens on loopback and, when a
/// script step asks, accepts the client and sends or receives the data.
/// </summary>
public sealed class FakeDataPort : IAsyncDisposable
{
    private readonly TcpListener _listener;

    public FakeDataPort()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The EPSV reply that points at this port.</summary>
    public string EpsvReply => $"229 Entering Extended Passive Mode (|||{Port}|)";

    /// <summary>A PASV reply naming <paramref name="address"/> (a hostile server may name any) and this port.</summary>
    public string PasvReply(string address = "127.0.0.1") =>
        $"227 Entering Passive Mode ({address.Replace('.', ',')},{Port >> 8},{Port & 255}).";

    /// <summary>Bytes the client sent on its last accepted connection.</summary>
    public byte[] Received { get; private set; } = [];

    /// <summary>Accepts the client's data connection, sends <paramref name="data"/> and closes.</summary>
    public async Task SendAsync(byte[] data)
    {
        using var client = await _listener.AcceptTcpClientAsync();
        await client.GetStream().WriteAsync(data);
        client.Client.Shutdown(SocketShutdown.Send);
    }

    /// <summary>Accepts the client's data connection and reads it to its end.</summary>
    public async Task ReceiveAsync()
    {
        using var client = await _listener.AcceptTcpClientAsync();
        using var buffer = new MemoryStream();
        await client.GetStream().CopyToAsync(buffer);
        Received = buffer.ToArray();
    }

    /// <summary>Accepts the client's data connection and closes it at once.</summary>
    public async Task AcceptAndCloseAsync()
    {
        using var client = await _listener.AcceptTcpClientAsync();
    }

    public ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Dispose();
        return ValueTask.CompletedTask;
    }
}
