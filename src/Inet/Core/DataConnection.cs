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
/// <remarks>
/// A connection opened in blocking mode stays so until its first asynchronous operation, so that a bulk
/// download can be read with blocking calls on a thread of its own (<see cref="ReadBlocking"/>): the kernel
/// then wakes the reader directly instead of through .NET's event thread and the thread pool.
/// </remarks>
public sealed class DataConnection : IAsyncDisposable, IDisposable
{
    private const int ReadAheadSize = 256 * 1024;

    private readonly Socket _socket;
    private readonly TimeSpan _timeout;
    private Stream _stream;
    private CancellationTokenSource _timer = new();
    private CancellationTokenRegistration _callerRegistration;
    private bool _disposed;
    private bool _blocking;

    internal DataConnection(Socket socket, TimeSpan timeout, bool blocking = false)
    {
        socket.NoDelay = true;
        _socket = socket;
        _timeout = timeout;
        _blocking = blocking;
        _stream = new NetworkStream(socket, ownsSocket: true);
        if (blocking && timeout != Timeout.InfiniteTimeSpan)
            socket.ReceiveTimeout = socket.SendTimeout = (int)Math.Min(int.MaxValue, Math.Ceiling(timeout.TotalMilliseconds));
    }

    /// <summary>No asynchronous operation has run on the socket yet: <see cref="ReadBlocking"/> is a true blocking read.</summary>
    internal bool IsBlocking => _blocking;

    public long BytesRead { get; private set; }

    public long BytesWritten { get; private set; }

    public bool IsSecure => _stream is SslStream;

    public EndPoint? RemoteEndPoint => _socket.RemoteEndPoint;

    /// <summary>Connects to <paramref name="endpoint"/> within the settings' connect timeout.</summary>
    public static Task<DataConnection> ConnectAsync(IPEndPoint endpoint, ConnectionSettings settings, CancellationToken cancellationToken = default) =>
        ConnectAsync(endpoint, settings, blocking: false, cancellationToken);

    /// <summary>
    /// Connects to <paramref name="endpoint"/> within the settings' connect timeout. With <paramref name="blocking"/>
    /// the connect (and a TLS handshake after it) run as blocking calls on a pool thread, so a bulk download can
    /// then be read with blocking calls (<see cref="IsBlocking"/>).
    /// </summary>
    public static async Task<DataConnection> ConnectAsync(IPEndPoint endpoint, ConnectionSettings settings, bool blocking, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(settings);
        var socket = blocking
            ? await TcpConnector.ConnectBlockingAsync(endpoint, settings.ConnectTimeout, cancellationToken).ConfigureAwait(false)
            : await TcpConnector.ConnectAsync(endpoint, settings.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        return new DataConnection(socket, settings.ReadTimeout, blocking);
    }

    /// <summary>TLS over the data connection with the command connection's options, so the session is resumed.</summary>
    public async Task StartTlsAsync(SslClientAuthenticationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (IsSecure)
            throw new InvalidOperationException("TLS is already active.");
        // TLS reads one record (16 KiB) at a time; reading ahead below it brings many records per socket read.
        var ssl = new SslStream(new ReadAheadStream(_stream, ReadAheadSize), leaveInnerStreamOpen: false);
        try
        {
            if (_blocking)
                await HandshakeBlockingAsync(ssl, options, cancellationToken).ConfigureAwait(false);
            else
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

    /// <summary>The handshake with blocking calls on a pool thread, so the socket stays blocking; the timer and the caller's token abort it.</summary>
    private async Task HandshakeBlockingAsync(SslStream ssl, SslClientAuthenticationOptions options, CancellationToken cancellationToken)
    {
        var token = Arm(cancellationToken);
        var aborting = token.UnsafeRegister(static state => ((Socket)state!).Dispose(), _socket);
        try
        {
            await Task.Run(() => ssl.AuthenticateAsClient(options), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or System.Security.Authentication.AuthenticationException && token.IsCancellationRequested)
        {
            throw new OperationCanceledException(token);
        }
        catch (IOException e) when (IsSocketTimeout(e))
        {
            throw TimedOut("the TLS handshake");
        }
        finally
        {
            aborting.Dispose();
        }
    }

    /// <summary>
    /// Reads what has arrived (0 at the end of the data) with a blocking call, for the thread of its own that a
    /// bulk download is copied on: see <see cref="IsBlocking"/>. The socket's own timeout bounds it; <see cref="Abort"/> ends it.
    /// </summary>
    internal int ReadBlocking(Span<byte> buffer)
    {
        try
        {
            var read = _stream.Read(buffer);
            BytesRead += read;
            return read;
        }
        catch (IOException e) when (IsSocketTimeout(e))
        {
            throw TimedOut("a read");
        }
    }

    /// <summary>Closes the socket at once, which ends a blocking read under way (cancellation).</summary>
    internal void Abort() => _socket.Dispose();

    private static bool IsSocketTimeout(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException { SocketErrorCode: SocketError.TimedOut or SocketError.WouldBlock })
                return true;
        }
        return false;
    }

    /// <summary>Reads what has arrived (0 at the end of the data).</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _blocking = false;
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
        _blocking = false;
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
        _blocking = false;
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

    /// <summary>Starts the inactivity timer for one operation; the caller's token cancels it too.</summary>
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
