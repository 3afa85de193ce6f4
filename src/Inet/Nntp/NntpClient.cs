using System.Globalization;
using Inet.Core;

namespace Inet.Nntp;

/// <summary>
/// An NNTP reader client (RFC 3977, 4643, 4642, 8054, 2980). One command at a time; a body or
/// listing must be read to the end or disposed before the next command (it is drained if not).
/// A cancelled or timed-out command leaves the connection unusable: dispose it and reconnect.
/// </summary>
public sealed partial class NntpClient : IAsyncDisposable
{
    /// <summary>URL schemes: nntp (119, plain) and nntps / snews (563, implicit TLS).</summary>
    public static readonly IReadOnlyDictionary<string, (int Port, bool Tls)> Schemes =
        new Dictionary<string, (int, bool)> { ["nntp"] = (119, false), ["news"] = (119, false), ["nntps"] = (563, true), ["snews"] = (563, true) };

    private readonly TextConnection _connection;
    private readonly NntpClientOptions _options;
    private DotBlockStream? _openBlock;
    private bool _authenticating;
    private bool _modeReaderSent;
    private OverviewFormat? _overviewFormat;
    private bool? _overSupported;
    private bool? _hdrSupported;

    private NntpClient(TextConnection connection, NntpClientOptions options)
    {
        _connection = connection;
        _options = options;
    }

    /// <summary>The welcome line's text.</summary>
    public string Welcome { get; private set; } = "";

    /// <summary>True when the welcome was 200 (posting allowed), false for 201.</summary>
    public bool PostingAllowed { get; private set; }

    /// <summary>True once the server has asked for authentication (480), as the old may_post/must_login pair had it.</summary>
    public bool MustLogin { get; private set; }

    /// <summary>True after a successful AUTHINFO.</summary>
    public bool IsAuthenticated { get; private set; }

    /// <summary>The last CAPABILITIES answer (refreshed after STARTTLS, AUTHINFO and MODE READER).</summary>
    public NntpCapabilities Capabilities { get; private set; } = NntpCapabilities.Unknown;

    /// <summary>The group selected by the last GROUP or LISTGROUP.</summary>
    public GroupInfo? CurrentGroup { get; private set; }

    public bool IsSecure => _connection.IsSecure;

    public bool IsCompressed => _connection.IsCompressed;

    public bool IsConnected => _connection.IsUsable;

    /// <summary>Connects, reads the welcome, and (as configured) upgrades to TLS, logs in and switches to reader mode.</summary>
    public static async Task<NntpClient> ConnectAsync(NntpClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connection = await TextConnection.ConnectAsync(options.Connection, options.Logger, cancellationToken).ConfigureAwait(false);
        var client = new NntpClient(connection, options);
        try
        {
            await client.StartAsync(cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Connects with a URL such as <c>nntp://user@host</c>.</summary>
    public static Task<NntpClient> ConnectAsync(string url, CancellationToken cancellationToken = default) =>
        ConnectAsync(NntpClientOptions.FromUrl(url), cancellationToken);

    /// <summary>Runs the session over an already connected stream (tests, in-process servers).</summary>
    public static async Task<NntpClient> ConnectAsync(Stream stream, NntpClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var client = new NntpClient(TextConnection.FromStream(stream, options.Connection, options.Logger), options);
        await client.StartAsync(cancellationToken).ConfigureAwait(false);
        return client;
    }

    /// <summary>QUIT (205) and close.</summary>
    public async Task QuitAsync(CancellationToken cancellationToken = default)
    {
        if (_connection.IsUsable)
        {
            try
            {
                await SendAsync("QUIT", cancellationToken).ConfigureAwait(false);
                await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException) { /* the server may close first */ }
        }
        await DisposeAsync().ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        var welcome = await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        Welcome = welcome.Text;
        if (welcome.Code is not (200 or 201))
            throw welcome.Code is 400 or 502 ? new NntpServiceUnavailableException(welcome) : new ProtocolViolationException($"Unexpected welcome: {welcome}");
        PostingAllowed = welcome.Code == 200;
        await RefreshCapabilitiesAsync(cancellationToken).ConfigureAwait(false);
        if (_options.RequireStartTls && !_connection.IsSecure)
            await StartTlsAsync(cancellationToken).ConfigureAwait(false);
        // A mode-switching server (INN's innd) refuses AUTHINFO until it is in reader mode.
        if (_options.AutoModeReader && Capabilities.NeedsModeReader)
            await ModeReaderAsync(cancellationToken).ConfigureAwait(false);
        if (_options.AuthenticateEagerly && _options.UserName is not null)
            await LoginAsync(_options.UserName, _options.Password ?? "", cancellationToken).ConfigureAwait(false);
        if (_options.UseCompression && Capabilities.HasCompressDeflate)
            await CompressAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends one command and reads its status line, handling 480 (log in, then retry once) and
    /// 401 MODE-READER (switch mode, then retry once).
    /// </summary>
    private async Task<Reply> CommandAsync(string line, CancellationToken cancellationToken)
    {
        await SendAsync(line, cancellationToken).ConfigureAwait(false);
        var reply = await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        if (reply.Code == 480 && !_authenticating)
        {
            MustLogin = true;
            if (_options.UserName is null || IsAuthenticated)
                return reply;
            await LoginAsync(_options.UserName, _options.Password ?? "", cancellationToken).ConfigureAwait(false);
            return await ResendAsync(line, cancellationToken).ConfigureAwait(false);
        }
        if (reply.Code == 401 && reply.Text.Contains("MODE-READER", StringComparison.OrdinalIgnoreCase) && !_modeReaderSent && _options.AutoModeReader)
        {
            await ModeReaderAsync(cancellationToken).ConfigureAwait(false);
            return await ResendAsync(line, cancellationToken).ConfigureAwait(false);
        }
        return reply;
    }

    private async Task<Reply> ResendAsync(string line, CancellationToken cancellationToken)
    {
        await SendAsync(line, cancellationToken).ConfigureAwait(false);
        return await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a command and throws the typed refusal unless the reply matches <paramref name="expected"/>.</summary>
    private async Task<Reply> ExpectAsync(string line, int expected, CancellationToken cancellationToken)
    {
        var reply = await CommandAsync(line, cancellationToken).ConfigureAwait(false);
        return reply.Matches(expected) ? reply : throw Refusal(reply);
    }

    private async ValueTask SendAsync(string line, CancellationToken cancellationToken)
    {
        await DrainOpenBlockAsync(cancellationToken).ConfigureAwait(false);
        EnsureUsable();
        _connection.WriteLine(line);
        await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<Reply> ReadReplyAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await ReplyParser.ReadSingleLineAsync(_connection, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _connection.MarkBroken();
            throw;
        }
    }

    /// <summary>Opens the dot-terminated block that follows a 2xx/1xx reply.</summary>
    private DotBodyStream OpenBlock()
    {
        var block = new DotBodyStream(_connection.Reader, _connection.MarkBroken);
        _openBlock = block;
        return block;
    }

    /// <summary>Opens the block that follows a 2xx reply as raw, still dot-stuffed bytes.</summary>
    private RawDotBlockStream OpenRawBlock()
    {
        var block = new RawDotBlockStream(_connection.Reader, _connection.MarkBroken);
        _openBlock = block;
        return block;
    }

    private async ValueTask DrainOpenBlockAsync(CancellationToken cancellationToken)
    {
        if (_openBlock is { IsCompleted: false } block)
        {
            _openBlock = null;
            try
            {
                await block.DrainAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                _connection.MarkBroken();
                throw;
            }
        }
        _openBlock = null;
    }

    private void EnsureUsable()
    {
        if (!_connection.IsUsable)
            throw new InvalidOperationException("The NNTP connection is closed or out of step after an earlier error; reconnect.");
    }

    private Exception Refusal(Reply reply)
    {
        if (reply.Code == 480)
            MustLogin = true;
        return NntpErrors.For(reply);
    }

    private static string[] Fields(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private long ParseNumber(string text, Reply reply) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw Malformed(reply);

    /// <summary>A reply with the right code but unreadable content: the session is no longer trusted.</summary>
    private ProtocolViolationException Malformed(Reply reply)
    {
        _connection.MarkBroken();
        return new ProtocolViolationException($"Malformed reply: \"{Printable.Escape(reply.ToString())}\".");
    }
}
