using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Inet.Nntp.Server;

/// <summary>
/// A small, real NNTP server (RFC 3977, 4642 STARTTLS, 4643 AUTHINFO USER/PASS) for tests,
/// benchmarks and <c>inet serve</c>. Binds to loopback on a free port unless told otherwise.
/// </summary>
public sealed class NntpServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<NntpSession, Task> _sessions = new();
    private readonly CancellationTokenSource _stopping = new();
    private Socket? _listener;
    private Task? _acceptLoop;
    private IPEndPoint? _endPoint;
    private int _stopped;

    public NntpServer(NntpServerOptions? options = null)
    {
        Options = options ?? new NntpServerOptions();
        Validate(Options);
        Store = Options.Store ?? new InMemoryArticleStore(Options.HostName);
        if (Options.EnableStartTls || Options.ImplicitTls)
            Certificate = Options.Certificate ?? SelfSignedCertificate.CreateForLocalhost();
    }

    public NntpServerOptions Options { get; }

    /// <summary>The groups and articles served.</summary>
    public IArticleStore Store { get; }

    /// <summary>The TLS certificate in use (null without TLS); clients in tests pin it.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>The address and port actually bound; valid after <see cref="StartAsync"/>.</summary>
    public IPEndPoint EndPoint => _endPoint ?? throw new InvalidOperationException("The server has not been started.");

    /// <summary>The port actually bound.</summary>
    public int Port => EndPoint.Port;

    /// <summary>Clients connected right now.</summary>
    public int ConnectionCount => _sessions.Count;

    /// <summary>Creates and starts a server in one call.</summary>
    public static async Task<NntpServer> StartNewAsync(NntpServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var server = new NntpServer(options);
        await server.StartAsync(cancellationToken).ConfigureAwait(false);
        return server;
    }

    /// <summary>Binds the listening socket and starts accepting clients.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_listener is not null)
            throw new InvalidOperationException("The server is already started.");
        var listener = new Socket(Options.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(Options.Address, Options.Port));
            listener.Listen(512);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        _listener = listener;
        _endPoint = (IPEndPoint)listener.LocalEndPoint!;
        Options.Logger?.LogInformation("NNTP server listening on {EndPoint}", _endPoint);
        _acceptLoop = AcceptLoopAsync(listener);
        return Task.CompletedTask;
    }

    /// <summary>Stops accepting, closes every connection and waits for the sessions to end.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
            return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        if (_acceptLoop is not null)
            await _acceptLoop.WaitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var session in _sessions.Keys)
            session.Abort();
        await Task.WhenAll(_sessions.Values).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
        if (Options.Certificate is null)
            Certificate?.Dispose();
    }

    private static void Validate(NntpServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options.Address, nameof(options.Address));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Port, 0, nameof(options.Port));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535, nameof(options.Port));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxCommandLineLength, 512, nameof(options.MaxCommandLineLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxArticleLineLength, 998, nameof(options.MaxArticleLineLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxArticleSize, 1024, nameof(options.MaxArticleSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConnections, 1, nameof(options.MaxConnections));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.IdleTimeout, TimeSpan.Zero, nameof(options.IdleTimeout));
        ArgumentNullException.ThrowIfNull(options.Faults, nameof(options.Faults));
        if (string.IsNullOrWhiteSpace(options.HostName) || options.HostName.AsSpan().IndexOfAny(" \t\r\n\0!") >= 0)
            throw new ArgumentException("HostName must be a single token without '!'.", nameof(options));
        if ((options.UserName is null) != (options.Password is null))
            throw new ArgumentException("Set both UserName and Password, or neither.", nameof(options));
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stopping.IsCancellationRequested)
                    return;
                // A client that vanished before accept completed: keep serving the others.
                continue;
            }
            client.NoDelay = true;
            var session = new NntpSession(this, client, _stopping.Token);
            bool tooMany = _sessions.Count >= Options.MaxConnections;
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var run = RunSessionAsync(session, tooMany, gate.Task);
            _sessions[session] = run;
            gate.SetResult();
        }
    }

    private async Task RunSessionAsync(NntpSession session, bool tooMany, Task registered)
    {
        await registered.ConfigureAwait(false);
        try
        {
            await session.RunAsync(tooMany).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // One client's failure must never take the server down.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Options.Logger?.LogDebug(e, "NNTP session ended with an error");
        }
        finally
        {
            _sessions.TryRemove(session, out _);
            session.Dispose();
        }
    }
}
