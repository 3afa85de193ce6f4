using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Inet.Nntp.Server;

/// <summary>
/// One client connection. Reads commands strictly in order, answers each into a buffered
/// writer and flushes once the client has nothing more queued (so pipelined commands get
/// batched replies). The command handlers live in the partial files next to this one, grouped
/// as RFC 3977 groups them.
/// </summary>
internal sealed partial class NntpSession : IDisposable
{
    /// <summary>Inflated bytes may be at most this many times the compressed ones (after 1 MiB): stops DEFLATE bombs.</summary>
    private const int MaxInflationRatio = 1000;

    private readonly NntpServer _server;
    private readonly NntpServerOptions _options;
    private readonly IArticleStore _store;
    private readonly NntpFaults _faults;
    private readonly Socket _socket;
    private readonly CancellationTokenSource _idle;
    private readonly CancellationTokenSource _lifetime;
    private readonly EndPoint? _remote;
    private Stream _stream;
    private ReplyWriter _writer = null!;
    private ServerLineReader _reader = null!;
    private NntpServerGroup? _group;
    private long _current;
    private bool _authenticated;
    private string? _pendingUser;
    private bool _tls;
    private Stream? _compressed;
    private bool _quit;

    public NntpSession(NntpServer server, Socket socket, CancellationToken serverStopping)
    {
        _server = server;
        _options = server.Options;
        _store = server.Store;
        _faults = _options.Faults;
        _socket = socket;
        _remote = socket.RemoteEndPoint;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _idle = new CancellationTokenSource();
        _lifetime = CancellationTokenSource.CreateLinkedTokenSource(serverStopping, _idle.Token);
    }

    private CancellationToken Token => _lifetime.Token;

    private bool PostingAllowed => _options.PostingAllowed;

    public async Task RunAsync(bool tooManyClients)
    {
        _options.Logger?.LogDebug("NNTP client {Remote} connected", _remote);
        try
        {
            if (_options.ImplicitTls)
            {
                _stream = await HandshakeAsync(_stream).ConfigureAwait(false);
                _tls = true;
            }
            _writer = new ReplyWriter(_stream, _faults);
            _reader = new ServerLineReader(_stream, Math.Max(_options.MaxCommandLineLength, _options.MaxArticleLineLength), _writer.FlushAsync);
            if (tooManyClients)
            {
                _writer.WriteStatus(400, "Too many connections, try again later");
                await _writer.FlushAsync(Token).ConfigureAwait(false);
                return;
            }
            await GreetAsync().ConfigureAwait(false);
            await CommandLoopAsync().ConfigureAwait(false);
            await _writer.FlushAsync(Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or FaultDisconnectException
            or AuthenticationException or ObjectDisposedException or SocketException or Inet.Core.ProtocolViolationException)
        {
            // The client went away, timed out, failed TLS, sent a DEFLATE bomb or broken DEFLATE
            // data (InvalidDataException is an IOException), or a fault closed it: end quietly.
            _options.Logger?.LogDebug("NNTP client {Remote} closed: {Reason}", _remote, e.GetType().Name);
        }
        finally
        {
            _reader?.Dispose();
            await DisposeCompressionAsync().ConfigureAwait(false);
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task DisposeCompressionAsync()
    {
        if (_compressed is null)
            return;
        try
        {
            await _compressed.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            // The peer is gone; nothing left to flush to.
        }
    }

    /// <summary>Breaks the connection from outside (server stopping).</summary>
    public void Abort()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }
        _socket.Dispose();
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _lifetime.Dispose();
        _idle.Dispose();
    }

    private async Task GreetAsync()
    {
        await DelayAsync().ConfigureAwait(false);
        _writer.WriteStatus(PostingAllowed ? 200 : 201,
            _options.HostName + " Inet NNTP server ready (" + (PostingAllowed ? "posting ok" : "no posting") + ")");
    }

    private async Task CommandLoopAsync()
    {
        while (!_quit)
        {
            var status = await ReadLineAsync(_options.MaxCommandLineLength).ConfigureAwait(false);
            if (status == LineStatus.EndOfStream)
                return;
            if (status == LineStatus.TooLong)
            {
                await DelayAsync().ConfigureAwait(false);
                _writer.WriteStatus(500, "Command line too long");
                continue;
            }
            var bytes = _reader.Line;
            string line = Encoding.UTF8.GetString(bytes);
            string[] args = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            string verb = args.Length > 0 ? args[0].ToUpperInvariant() : "";
            LogCommand(line, verb, args);
            if (bytes.Contains((byte)0))
            {
                await DelayAsync().ConfigureAwait(false);
                _writer.WriteStatus(501, "NUL byte in command");
                continue;
            }
            await DelayAsync().ConfigureAwait(false);
            if (_faults.OnCommand is { } hook && await RunHookAsync(hook, line, verb).ConfigureAwait(false))
                continue;
            await DispatchAsync(verb, args, line).ConfigureAwait(false);
            // A client that pipelines without reading must meet TCP back-pressure, not a growing buffer.
            await _writer.FlushIfFullAsync(Token).ConfigureAwait(false);
        }
    }

    private ValueTask<LineStatus> ReadLineAsync(int maxLength)
    {
        _idle.CancelAfter(_options.IdleTimeout);
        return _reader.ReadLineAsync(maxLength, Token);
    }

    private async Task DelayAsync()
    {
        if (_faults.ReplyDelay <= TimeSpan.Zero)
            return;
        await _writer.FlushAsync(Token).ConfigureAwait(false);
        await Task.Delay(_faults.ReplyDelay, Token).ConfigureAwait(false);
    }

    private async Task<bool> RunHookAsync(Func<NntpFaultContext, CancellationToken, ValueTask<bool>> hook, string line, string verb)
    {
        var context = new NntpFaultContext(_writer, line, verb, _remote);
        bool handled = await hook(context, Token).ConfigureAwait(false);
        if (context.Disconnect)
        {
            await _writer.FlushAsync(Token).ConfigureAwait(false);
            throw new FaultDisconnectException();
        }
        return handled;
    }

    private static bool AllowedBeforeAuthentication(string verb)
        => verb is "CAPABILITIES" or "MODE" or "QUIT" or "HELP" or "AUTHINFO" or "STARTTLS" or "DATE";

    private Task DispatchAsync(string verb, string[] args, string line)
    {
        if (verb.Length == 0)
            return Reply(500, "Empty command");
        if (_options.RequiresAuthentication && !_authenticated && !AllowedBeforeAuthentication(verb))
            return Reply(480, "Authentication required");
        return verb switch
        {
            "CAPABILITIES" => CapabilitiesAsync(),
            "MODE" => ModeAsync(args),
            "DATE" => DateAsync(args),
            "HELP" => HelpAsync(),
            "QUIT" => QuitAsync(),
            "AUTHINFO" => AuthInfoAsync(args, line),
            "STARTTLS" => StartTlsAsync(args),
            "COMPRESS" => CompressAsync(args),
            "GROUP" => GroupAsync(args),
            "LISTGROUP" => ListGroupAsync(args),
            "NEXT" => NextAsync(args, forward: true),
            "LAST" => NextAsync(args, forward: false),
            "ARTICLE" => RetrieveAsync(args, ArticlePart.Article),
            "HEAD" => RetrieveAsync(args, ArticlePart.Head),
            "BODY" => RetrieveAsync(args, ArticlePart.Body),
            "STAT" => RetrieveAsync(args, ArticlePart.Stat),
            "LIST" => ListAsync(args),
            "NEWGROUPS" => NewGroupsAsync(args),
            "NEWNEWS" => NewNewsAsync(args),
            "OVER" or "XOVER" => OverAsync(args),
            "HDR" => HdrAsync(args, legacy: false),
            "XHDR" => HdrAsync(args, legacy: true),
            "XPAT" => XPatAsync(args),
            "POST" => PostAsync(args),
            "IHAVE" when _options.IHaveAllowed => IHaveAsync(args),
            _ => Reply(500, "Unknown command"),
        };
    }

    /// <summary>Queues a one-line reply.</summary>
    private Task Reply(int code, string text)
    {
        _writer.WriteStatus(code, text);
        return Task.CompletedTask;
    }

    private void LogCommand(string line, string verb, string[] args)
    {
        if (_options.Logger is not { } logger || !logger.IsEnabled(LogLevel.Trace))
            return;
        // Never log a password, however the client spaces the words: keep only the verb and sub-command.
        bool secret = verb == "AUTHINFO" && args.Length > 1 && args[1].Equals("PASS", StringComparison.OrdinalIgnoreCase);
        logger.LogTrace("C: {Line}", secret ? "AUTHINFO PASS ********" : Printable(line));
    }

    /// <summary>Control characters from the network are shown escaped, so a client cannot forge log lines.</summary>
    private static string Printable(string line)
    {
        if (!line.AsSpan().ContainsAnyInRange('\0', '\u001f'))
            return line;
        var text = new StringBuilder(line.Length + 8);
        foreach (char c in line)
        {
            if (c < ' ' && c != '\t')
                text.Append("\\x").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            else
                text.Append(c);
        }
        return text.ToString();
    }

    private async Task<Stream> HandshakeAsync(Stream inner)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificate = _server.Certificate,
            ClientCertificateRequired = false,
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            await ssl.AuthenticateAsServerAsync(options, timeout.Token).ConfigureAwait(false);
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return ssl;
    }
}
