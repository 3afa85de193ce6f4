using System.IO.Compression;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Inet.Core;

/// <summary>
/// A line-oriented client connection shared by every protocol: TCP (IPv4/IPv6), implicit TLS or a
/// STARTTLS upgrade, optional DEFLATE, a bounded <see cref="LineReader"/> and a write buffer that
/// goes out with one flush per command batch. Cancelling or timing out mid-command breaks it.
/// </summary>
public sealed class TextConnection : IAsyncDisposable
{
    private readonly ConnectionSettings _settings;
    private readonly OutputBuffer _output = new();
    private readonly Socket? _socket;
    private Stream _transport;
    private Stream _writeStream;
    private bool _disposed;
    private bool _quitSent;

    /// <summary>How long <see cref="QuitQuietlyAsync"/> waits for the answer to QUIT.</summary>
    private static readonly TimeSpan QuitTimeout = TimeSpan.FromSeconds(5);

    private TextConnection(Socket? socket, Stream transport, ConnectionSettings settings, ILogger? logger)
    {
        _socket = socket;
        _transport = transport;
        _writeStream = transport;
        _settings = settings;
        Log = new ProtocolLog(logger);
        Reader = new LineReader(transport, settings.MaxLineLength) { ReadTimeout = settings.ReadTimeout };
    }

    /// <summary>Reads lines and data blocks from the server.</summary>
    public LineReader Reader { get; }

    /// <summary>The C:/S: transcript (Trace level, secrets redacted).</summary>
    public ProtocolLog Log { get; }

    /// <summary>True once TLS protects the session.</summary>
    public bool IsSecure => _transport is SslStream;

    /// <summary>True once COMPRESS DEFLATE is active.</summary>
    public bool IsCompressed { get; private set; }

    /// <summary>False after a timeout, cancellation or protocol violation: the session is out of step.</summary>
    public bool IsUsable => !_disposed && !IsBroken;

    /// <summary>Set when the session can no longer be trusted to be in step.</summary>
    public bool IsBroken { get; private set; }

    public EndPoint? RemoteEndPoint => _socket?.RemoteEndPoint;

    /// <summary>Our end of the TCP connection (null over a caller's stream).</summary>
    public EndPoint? LocalEndPoint => _socket?.LocalEndPoint;

    /// <summary>The TLS protocol in use, if any.</summary>
    public System.Security.Authentication.SslProtocols? TlsProtocol => (_transport as SslStream)?.SslProtocol;

    /// <summary>Opens a TCP connection (every resolved address, IPv6 and IPv4) and, if asked, TLS.</summary>
    public static async Task<TextConnection> ConnectAsync(ConnectionSettings settings, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var socket = await TcpConnector.ConnectAsync(new DnsEndPoint(settings.Host, settings.Port), settings.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        var connection = new TextConnection(socket, new NetworkStream(socket, ownsSocket: true), settings, logger);
        connection.Log.Info($"connected to {socket.RemoteEndPoint}");
        if (settings.UseImplicitTls)
        {
            try
            {
                await connection.StartTlsAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        return connection;
    }

    /// <summary>Wraps an already connected stream (tests, in-process servers).</summary>
    public static TextConnection FromStream(Stream stream, ConnectionSettings settings, ILogger? logger = null) =>
        new(null, stream, settings, logger);

    /// <summary>Queues one command line (the caller has checked its arguments).</summary>
    public void WriteLine(string line)
    {
        Log.Client(line);
        WriteLineBytes(line);
    }

    /// <summary>Queues a command carrying a secret; the log shows only <paramref name="visiblePart"/>.</summary>
    public void WriteSensitiveLine(string visiblePart, string secret)
    {
        Log.ClientSecret(visiblePart);
        WriteLineBytes(visiblePart + secret);
    }

    /// <summary>The write buffer, for data blocks (dot-stuffed by the caller).</summary>
    public System.Buffers.IBufferWriter<byte> Output => _output;

    /// <summary>Bytes waiting in the write buffer.</summary>
    public int PendingOutput => _output.Length;

    /// <summary>Sends everything queued.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_output.Length == 0)
            return;
        try
        {
            await _writeStream.WriteAsync(_output.WrittenMemory, cancellationToken).ConfigureAwait(false);
            await _writeStream.FlushAsync(cancellationToken).ConfigureAwait(false);
            AcknowledgeRepliesAtOnce();
        }
        catch
        {
            MarkBroken();
            throw;
        }
        finally
        {
            _output.Clear();
        }
    }

    // A server that writes a reply in two small pieces (INN sends "101 Capability list:" on its own) holds the
    // second back under Nagle's rule until the first is acknowledged, and Linux delays that acknowledgement by
    // up to 40 ms. Quick-ack mode after each command lets the rest follow at once (it was 87 ms of a 110 ms
    // `inet nntp URL date` against INN). The kernel leaves quick-ack mode by itself, so it is set per flush.
    private static readonly byte[] One = [1, 0, 0, 0];

    private void AcknowledgeRepliesAtOnce()
    {
        const int IpProtoTcp = 6, TcpQuickAck = 12;
        if (_socket is null || !OperatingSystem.IsLinux())
            return;
        try
        {
            _socket.SetRawSocketOption(IpProtoTcp, TcpQuickAck, One);
        }
        catch (SocketException)
        {
            // Only a latency hint.
        }
    }

    /// <summary>Reads one line from the server and logs it.</summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReadLineAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var line = await Reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            Log.Server(line.Span);
            return line;
        }
        catch
        {
            MarkBroken();
            throw;
        }
    }

    /// <summary>
    /// Upgrades to TLS after the server agreed to STARTTLS/STLS/AUTH TLS. Any bytes the server sent
    /// before the handshake are dropped (they were not protected and could be an injection).
    /// </summary>
    public async Task StartTlsAsync(CancellationToken cancellationToken = default)
    {
        if (IsSecure)
            throw new InvalidOperationException("TLS is already active.");
        var dropped = Reader.DiscardBuffered();
        if (dropped > 0)
            Log.Info($"discarded {dropped} plaintext bytes received before the TLS handshake");
        var ssl = new SslStream(_transport, leaveInnerStreamOpen: false);
        var options = TlsOptions.For(_settings);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.ConnectTimeout);
        try
        {
            await ssl.AuthenticateAsClientAsync(options, timeout.Token).ConfigureAwait(false);
        }
        catch
        {
            MarkBroken();
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        _transport = ssl;
        _writeStream = ssl;
        Reader.ReplaceStream(ssl);
        Log.Info($"TLS established: {ssl.SslProtocol}, {ssl.NegotiatedCipherSuite}");
    }

    /// <summary>Switches both directions to raw DEFLATE (RFC 8054), with bounded inflation.</summary>
    public void StartCompression()
    {
        if (IsCompressed)
            throw new InvalidOperationException("Compression is already active.");
        // Bytes already buffered were compressed by the server after its 206 reply: inflate them first.
        var leftover = Reader.BufferedMemory.ToArray();
        Reader.DiscardBuffered();
        Stream compressedInput = leftover.Length == 0 ? _transport : new PrefixedStream(leftover, _transport);
        Reader.ReplaceStream(new BoundedInflateStream(compressedInput, _settings.MaxInflationRatio));
        _writeStream = new DeflateStream(_transport, CompressionLevel.Fastest, leaveOpen: true);
        IsCompressed = true;
        Log.Info("COMPRESS DEFLATE active");
    }

    /// <summary>
    /// Sends QUIT once, while the session is in step, and reads its reply with <paramref name="readReply"/>
    /// (whatever it says), then closes. A server that closes first is fine.
    /// </summary>
    public async Task QuitAsync(Func<CancellationToken, ValueTask<Reply>> readReply, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(readReply);
        try
        {
            if (IsUsable && !_quitSent)
            {
                _quitSent = true;
                WriteLine("QUIT");
                await FlushAsync(cancellationToken).ConfigureAwait(false);
                await readReply(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (IOException) { /* the server may close first */ }
        finally
        {
            await DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary><see cref="QuitAsync"/> for a client's DisposeAsync: a server that does not answer within a few seconds is just closed.</summary>
    public ValueTask QuitQuietlyAsync(Func<CancellationToken, ValueTask<Reply>> readReply) =>
        CloseQuietlyAsync(cancellationToken => QuitAsync(readReply, cancellationToken));

    /// <summary>
    /// A protocol's goodbye (QUIT, IMAP's LOGOUT) for a client's DisposeAsync: a few seconds at most, and a server
    /// that does not answer in time, or answers nonsense, is just closed. <paramref name="goodbye"/> closes the connection.
    /// </summary>
    public async ValueTask CloseQuietlyAsync(Func<CancellationToken, Task> goodbye)
    {
        ArgumentNullException.ThrowIfNull(goodbye);
        using var timeout = new CancellationTokenSource(QuitTimeout);
        try
        {
            await goodbye(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException or ProtocolException)
        {
            // Closing anyway.
        }
    }

    /// <summary>Marks the session as out of step; callers then dispose it.</summary>
    public void MarkBroken() => IsBroken = true;

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        try
        {
            if (_writeStream != _transport)
                await _writeStream.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException) { }
        catch (ObjectDisposedException) { }
        await _transport.DisposeAsync().ConfigureAwait(false);
        _socket?.Dispose();
        Reader.Dispose();
        _output.Dispose();
    }

    private void WriteLineBytes(string line)
    {
        var span = _output.GetSpan(Encoding.UTF8.GetMaxByteCount(line.Length) + 2);
        var length = Encoding.UTF8.GetBytes(line, span);
        span[length] = (byte)'\r';
        span[length + 1] = (byte)'\n';
        _output.Advance(length + 2);
    }
}
