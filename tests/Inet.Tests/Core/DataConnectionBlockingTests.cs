using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Inet.Core;
using Inet.Tests.Fakes;

namespace Inet.Tests.Core;

/// <summary>A data connection we open stays blocking (cheap blocking reads) until its first asynchronous operation.</summary>
public sealed class DataConnectionBlockingTests : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public DataConnectionBlockingTests() => _listener.Start();

    public void Dispose() => _listener.Dispose();

    private IPEndPoint Endpoint => (IPEndPoint)_listener.LocalEndpoint;

    private static ConnectionSettings Settings(TimeSpan readTimeout) => new()
    {
        Host = "localhost",
        Port = 21,
        ReadTimeout = readTimeout,
        TrustedRootCertificates = [TestCertificates.Localhost],
    };

    private static byte[] Data(int length) => Enumerable.Range(0, length).Select(i => (byte)(i * 37 + 1)).ToArray();

    private static int ReadToEnd(DataConnection connection, MemoryStream into)
    {
        var buffer = new byte[70_000];
        int read, total = 0;
        while ((read = connection.ReadBlocking(buffer)) > 0)
        {
            into.Write(buffer, 0, read);
            total += read;
        }
        return total;
    }

    [Fact]
    public async Task Plain_BlockingReadsByteExact_UntilTheFirstAsynchronousRead()
    {
        var data = Data(1_000_003);
        var serving = Task.Run(async () =>
        {
            using var peer = await _listener.AcceptTcpClientAsync();
            var stream = peer.GetStream();
            await stream.WriteAsync(data);
            peer.Client.Shutdown(SocketShutdown.Send);
            _ = await stream.ReadAsync(new byte[1]); // until the client closes
        });
        await using var connection = await DataConnection.ConnectAsync(Endpoint, Settings(TimeSpan.FromSeconds(10)), blocking: true);
        Assert.True(connection.IsBlocking);

        var head = new byte[1000];
        Assert.Equal(1000, connection.ReadBlocking(head));
        Assert.True(connection.IsBlocking);
        using var received = new MemoryStream();
        received.Write(head);
        var buffer = new byte[65536];
        while (await connection.ReadAsync(buffer) is var n and > 0)
            received.Write(buffer, 0, n);

        Assert.False(connection.IsBlocking);
        Assert.Equal(data, received.ToArray());
        await connection.DisposeAsync();
        await serving;
    }

    [Fact]
    public async Task ByDefault_AConnectionIsAsynchronousFromTheStart()
    {
        var serving = Task.Run(async () =>
        {
            using var peer = await _listener.AcceptTcpClientAsync();
            await peer.GetStream().WriteAsync("x"u8.ToArray());
        });
        await using var connection = await DataConnection.ConnectAsync(Endpoint, Settings(TimeSpan.FromSeconds(10)));

        Assert.False(connection.IsBlocking); // a listing or a small file never ties a pool thread to a blocking connect
        await serving;
    }

    [Fact]
    public async Task Plain_WholeStreamReadBlocking_ByteExactAndCounted()
    {
        var data = Data(2_000_001);
        var serving = Task.Run(async () =>
        {
            using var peer = await _listener.AcceptTcpClientAsync();
            await peer.GetStream().WriteAsync(data);
        });
        await using var connection = await DataConnection.ConnectAsync(Endpoint, Settings(TimeSpan.FromSeconds(10)), blocking: true);
        using var received = new MemoryStream();

        Assert.Equal(data.Length, await Task.Run(() => ReadToEnd(connection, received)));

        Assert.Equal(data, received.ToArray());
        Assert.Equal(data.Length, connection.BytesRead);
        Assert.True(connection.IsBlocking);
        await serving;
    }

    [Fact]
    public async Task Tls_HandshakeAndReadsBlocking_ByteExact()
    {
        var data = Data(1_500_007);
        var serving = Task.Run(async () =>
        {
            using var peer = await _listener.AcceptTcpClientAsync();
            await using var ssl = new SslStream(peer.GetStream());
            await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = TestCertificates.Localhost });
            await ssl.WriteAsync(data);
            await ssl.ShutdownAsync();
        });
        var settings = Settings(TimeSpan.FromSeconds(10));
        await using var connection = await DataConnection.ConnectAsync(Endpoint, settings, blocking: true);

        await connection.StartTlsAsync(TlsOptions.For(settings));
        Assert.True(connection.IsSecure);
        Assert.True(connection.IsBlocking); // the handshake ran with blocking calls too
        using var received = new MemoryStream();
        await Task.Run(() => ReadToEnd(connection, received));

        Assert.Equal(data, received.ToArray());
        await serving;
    }

    /// <summary>Accepts one connection and says nothing until released.</summary>
    private async Task SilentPeerAsync(SemaphoreSlim release)
    {
        using var peer = await _listener.AcceptTcpClientAsync();
        await release.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task SilentPeer_BlockingReadTimesOutClearly()
    {
        using var release = new SemaphoreSlim(0);
        var serving = SilentPeerAsync(release);
        await using var connection = await DataConnection.ConnectAsync(Endpoint, Settings(TimeSpan.FromMilliseconds(300)), blocking: true);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<TimeoutException>(() => Task.Run(() => connection.ReadBlocking(new byte[100])));

        Assert.Contains("silent", e.Message, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));
        release.Release();
        await serving;
    }

    [Fact]
    public async Task PeerThatNeverSpeaksTls_BlockingHandshakeTimesOutClearly()
    {
        using var release = new SemaphoreSlim(0);
        var serving = SilentPeerAsync(release);
        var settings = Settings(TimeSpan.FromMilliseconds(300));
        await using var connection = await DataConnection.ConnectAsync(Endpoint, settings, blocking: true);

        var e = await Assert.ThrowsAsync<TimeoutException>(() => connection.StartTlsAsync(TlsOptions.For(settings)));

        Assert.Contains("TLS handshake", e.Message, StringComparison.Ordinal);
        release.Release();
        await serving;
    }

    [Fact]
    public async Task BlockingReadAborted_FromAnotherThread_EndsPromptly()
    {
        using var release = new SemaphoreSlim(0);
        var serving = SilentPeerAsync(release);
        await using var connection = await DataConnection.ConnectAsync(Endpoint, Settings(TimeSpan.FromSeconds(30)), blocking: true);
        var reading = Task.Run(() => connection.ReadBlocking(new byte[100]));
        await Task.Delay(200);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        connection.Abort();

        await Assert.ThrowsAnyAsync<Exception>(() => reading);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        release.Release();
        await serving;
    }

    [Fact]
    public async Task ConnectBlocking_RefusedPort_FailsAndCancelledTokenCancels()
    {
        var port = Endpoint.Port;
        _listener.Stop();

        await Assert.ThrowsAsync<SocketException>(() => TcpConnector.ConnectBlockingAsync(new IPEndPoint(IPAddress.Loopback, port), TimeSpan.FromSeconds(5), default));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            TcpConnector.ConnectBlockingAsync(new IPEndPoint(IPAddress.Loopback, port), TimeSpan.FromSeconds(5), new CancellationToken(true)));
    }
}
