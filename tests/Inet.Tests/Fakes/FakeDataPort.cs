using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

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

    /// <summary>When set, data connections run TLS (PROT P) with this certificate.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>Accepts the client's data connection, sends <paramref name="data"/> and closes.</summary>
    public async Task SendAsync(byte[] data)
    {
        using var client = await _listener.AcceptTcpClientAsync();
        await SendOnAsync(client, data, Certificate);
    }

    /// <summary>Accepts the client's data connection, sends <paramref name="data"/> and then holds it open for <paramref name="hold"/> (a stalled server).</summary>
    public async Task SendAndHoldAsync(byte[] data, TimeSpan hold)
    {
        using var client = await _listener.AcceptTcpClientAsync();
        await client.GetStream().WriteAsync(data);
        await Task.Delay(hold);
    }

    /// <summary>Accepts the client's data connection and reads it to its end.</summary>
    public async Task ReceiveAsync()
    {
        using var client = await _listener.AcceptTcpClientAsync();
        await using var stream = await OpenAsync(client, Certificate);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        Received = buffer.ToArray();
        if (stream is SslStream ssl)
            await ssl.ShutdownAsync();
    }

    /// <summary>Active mode: connects to the address of the client's "EPRT |1|ip|port|" line and sends <paramref name="data"/>.</summary>
    public static async Task ConnectAndSendAsync(string eprtLine, byte[] data)
    {
        var fields = eprtLine["EPRT ".Length..].Split(eprtLine["EPRT ".Length]);
        using var client = new TcpClient(IPAddress.Parse(fields[2]).AddressFamily);
        await client.ConnectAsync(IPAddress.Parse(fields[2]), int.Parse(fields[3], System.Globalization.CultureInfo.InvariantCulture));
        await SendOnAsync(client, data, null);
    }

    private static async Task SendOnAsync(TcpClient client, byte[] data, X509Certificate2? certificate)
    {
        await using var stream = await OpenAsync(client, certificate);
        await stream.WriteAsync(data);
        if (stream is SslStream ssl)
            await ssl.ShutdownAsync();
        client.Client.Shutdown(SocketShutdown.Send);
    }

    private static async Task<Stream> OpenAsync(TcpClient client, X509Certificate2? certificate)
    {
        if (certificate is null)
            return client.GetStream();
        var ssl = new SslStream(client.GetStream(), leaveInnerStreamOpen: true);
        await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate });
        return ssl;
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
