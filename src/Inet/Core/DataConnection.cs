using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace Inet.Core;

/// <summary>
/// A second TCP connection that carries bulk data beside a command connection (FTP's data
/// connection): opened by connecting (passive) or accepting (<see cref="DataListener"/>, active),
/// optionally under TLS that resumes the command connection's session. Every read and write is
/// bounded by <see cref="ConnectionSettings.ReadTimeout"/>; bytes are counted both ways.
/// </summary>
public sealed class DataConnection : IAsyncDisposable, IDisposable
{
    private readonly Socket _socket;
    private readonly TimeSpan _timeout;
    private Stream _stream;
    private CancellationTokenSource _timer = new();
    private CancellationTokenRegistration _callerRegistration;
    private bool _disposed;

    internal DataConnection(Socket socket, TimeSpan timeout)
    {
        socket.NoDelay = true;
        _socket = socket;
        _timeout = timeout;
        _stream = new NetworkStream(socket, ownsSocket: true);
    }

    public long BytesRead { get; private set; }

    public long BytesWritten { get; private set; }

    public bool IsSecure => _stream is SslStream;

    public EndPoint? RemoteEndPoint => _socket.RemoteEndPoint;

    /// <summary>Connects to <paramref name="endpoint"/> within the settings' connect timeout.</summary>
    public static async Task<DataConnection> ConnectAsync(IPEndPoint endpoint, ConnectionSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(settings);
        var socket = await TcpConnector.ConnectAsync(endpoint, settings.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        return new DataConnection(socket, settings.ReadTimeout);
    }

    /// <summary>TLS over the data connection with the command connection's options, so the session is resumed.</summary>
    public async Task StartTlsAsync(SslClientAuthenticationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (IsSecure)
            throw new InvalidOperationException("TLS is already active.");
        var ssl = new SslStream(_stream, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsClientAsync(options, Arm(cancellationToken)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw TimedOut("the TLS handshake");
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            Disarm();
        }
        _stream = ssl;
    }

    /// <summary>Reads what has arrived (0 at the end of the data).</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            var read = await _stream.ReadAsync(buffer, Arm(cancellationToken)).ConfigureAwait(false);
            BytesRead += read;
            return read;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut("a read");
        }
        finally
        {
            Disarm();
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            await _stream.WriteAsync(buffer, Arm(cancellationToken)).ConfigureAwait(false);
            BytesWritten += buffer.Length;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut("a write");
        }
        finally
        {
            Disarm();
        }
    }

    /// <summary>
    /// Ends an upload: TLS close_notify (or a TCP half-close), then reads to the server's end. On TLS 1.3
    /// the server may still send session tickets; closing with them unread makes Linux send RST, and
    /// the server then loses the tail of the upload (vsftpd: 426).
    /// </summary>
    public async Task CompleteWritingAsync(CancellationToken cancellationToken = default)
    {
        if (_stream is SslStream ssl)
        {
            try
            {
                await ssl.ShutdownAsync().WaitAsync(_timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw TimedOut("closing the data connection");
            }
        }
        else
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        var sink = new byte[4096];
        try
        {
            while (await ReadAsync(sink, cancellationToken).ConfigureAwait(false) > 0)
            {
                // Nothing is expected here but tickets and the close.
            }
        }
        catch (IOException)
        {
            // The server closed without a TLS close_notify: the data went out all the same.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        try
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException) { }
        _socket.Dispose();
        _timer.Dispose();
    }

    /// <summary>Starts the inactivity timer for one operation; the caller's token cancels it too.</summary>
    /// <summary>Closes at once, without a TLS goodbye (a transfer given up).</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _socket.Dispose();
        _stream.Dispose();
        _timer.Dispose();
    }

    private CancellationToken Arm(CancellationToken cancellationToken)
    {
        if (!_timer.TryReset())
        {
            _timer.Dispose();
            _timer = new CancellationTokenSource();
        }
        if (_timeout != Timeout.InfiniteTimeSpan)
            _timer.CancelAfter(_timeout);
        if (cancellationToken.CanBeCanceled)
            _callerRegistration = cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), _timer);
        return _timer.Token;
    }

    private void Disarm()
    {
        _callerRegistration.Dispose();
        _callerRegistration = default;
        _timer.CancelAfter(Timeout.InfiniteTimeSpan);
    }

    private TimeoutException TimedOut(string what) =>
        new($"The data connection was silent for {_timeout.TotalSeconds:0.#} s during {what}.");
}
