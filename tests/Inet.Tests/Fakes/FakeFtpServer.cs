using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Inet.Core;
using Inet.Ftp;

namespace Inet.Tests.Fakes;

/// <summary>
/// An in-process FTP server on loopback that serves a <see cref="FakeFtpTree"/> to any number of sessions
/// at once: login, FEAT (features chosen per test), navigation, LIST/MLSD/MLST/NLST, RETR/STOR/APPE with
/// REST, SIZE/MDTM/MFMT, MKD/RMD/DELE/RNFR/RNTO, passive data connections (EPSV, PASV). It can misbehave
/// on cue (<see cref="Fault"/>, <see cref="FakeFtpTree.Inject"/>) and counts what it saw (<see cref="Stats"/>).
/// Disposing fails the test if a session hit an error other than the client going away.
/// </summary>
public sealed class FakeFtpServer : IAsyncDisposable
{
    private static readonly TimeSpan SessionGrace = TimeSpan.FromSeconds(5);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<Task> _sessions = [];
    private readonly ConcurrentQueue<Exception> _errors = new();
    private readonly Dictionary<string, FakeFtpFault> _faults = new(StringComparer.Ordinal);
    private Task? _accepting;

    public FakeFtpServer(FakeFtpTree? tree = null)
    {
        Tree = tree ?? new FakeFtpTree();
    }

    public FakeFtpTree Tree { get; }

    public FakeFtpStats Stats { get; } = new();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string UserName { get; init; } = "mirror";

    public string Password { get; init; } = "secret";

    public FakeFtpFeatures Features { get; set; } = FakeFtpFeatures.All;

    /// <summary>Show a link in listings as what it points at, with its target's unique id, as pure-ftpd does.</summary>
    public bool ListingsFollowLinks { get; set; }

    /// <summary>Sessions allowed at once; more get "421 too many connections" at once, as vsftpd's max_per_ip.</summary>
    public int MaxSessions { get; set; } = int.MaxValue;

    /// <summary>A pause before each file's data, so parallel transfers overlap.</summary>
    public TimeSpan TransferDelay { get; set; }

    /// <summary>The time stored uploads get (to the second).</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>Client options that reach this server and log in (<paramref name="password"/> to try another).</summary>
    public FtpClientOptions ClientOptions(string? password = null) => new()
    {
        Connection = new ConnectionSettings { Host = "127.0.0.1", Port = Port, ReadTimeout = TimeSpan.FromSeconds(10) },
        UserName = UserName,
        Password = password ?? Password,
    };

    public FakeFtpServer Start()
    {
        _listener.Start();
        _accepting = AcceptLoopAsync();
        return this;
    }

    /// <summary>Makes the next transfers of <paramref name="path"/> (absolute, as the client names it) misbehave.</summary>
    public FakeFtpServer Fault(string path, FakeFtpFault fault)
    {
        lock (_faults)
            _faults[path] = fault;
        return this;
    }

    /// <summary>The fault due for this transfer, if one of the right direction is set; counts it used.</summary>
    internal FakeFtpFault? TakeFault(string path, bool upload)
    {
        lock (_faults)
        {
            if (!_faults.TryGetValue(path, out var fault))
                return null;
            var fits = fault.Kind == FakeFtpFaultKind.Refuse550 || (fault.Kind == FakeFtpFaultKind.StoreKeepThen426) == upload;
            if (!fits)
                return null;
            if (fault.Times <= 1)
                _faults.Remove(path);
            else
                _faults[path] = fault with { Times = fault.Times - 1 };
            return fault;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Dispose();
        if (_accepting is not null)
            await _accepting;
        await Task.WhenAny(Task.WhenAll(_sessions), Task.Delay(SessionGrace));
        _stop.Dispose();
        if (!_errors.IsEmpty)
            throw new AggregateException("The fake FTP server failed", _errors);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _sessions.Add(RunSessionAsync(client));
        }
    }

    private async Task RunSessionAsync(TcpClient client)
    {
        if (!Stats.TrySessionStarted(MaxSessions))
        {
            using (client)
                await client.GetStream().WriteAsync("421 There are too many connections from your internet address.\r\n"u8.ToArray());
            return;
        }
        try
        {
            await using var session = new FakeFtpSession(this, client);
            await session.RunAsync(_stop.Token);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away, or the server is stopping.
        }
        catch (Exception e)
        {
            _errors.Enqueue(e);
        }
        finally
        {
            Stats.SessionEnded();
        }
    }
}
