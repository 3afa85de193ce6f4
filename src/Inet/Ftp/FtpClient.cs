using Inet.Core;

namespace Inet.Ftp;

/// <summary>
/// An FTP client (RFC 959, 2389, 3659): the control connection. One command at a time; a
/// cancelled or timed-out command leaves the connection unusable: dispose it and reconnect.
/// Disposing sends QUIT when the session is still in step.
/// </summary>
public sealed partial class FtpClient : IAsyncDisposable
{
    /// <summary>URL schemes: ftp (21, plain) and ftps (21, explicit AUTH TLS; implicit TLS on port 990).</summary>
    public static readonly IReadOnlyDictionary<string, (int Port, bool Tls)> Schemes =
        new Dictionary<string, (int, bool)> { ["ftp"] = (21, false), ["ftps"] = (21, false) };

    /// <summary>The port of implicit FTPS (RFC 4217 calls it historic; servers still offer it).</summary>
    public const int ImplicitTlsPort = 990;

    /// <summary>How many 120 ("ready in n minutes") replies are waited through before the welcome.</summary>
    private const int MaxDelayReplies = 10;

    private readonly TextConnection _connection;
    private readonly FtpClientOptions _options;

    private FtpClient(TextConnection connection, FtpClientOptions options)
    {
        _connection = connection;
        _options = options;
    }

    /// <summary>
    /// The options as used: implicit TLS from either switch, and TLS sessions resumable for IP hosts,
    /// which FTPS data connections need (docs/ftps-session-reuse.md).
    /// </summary>
    private static FtpClientOptions Normalize(FtpClientOptions options)
    {
        var implicitTls = options.Security == FtpSecurity.ImplicitTls || options.Connection.UseImplicitTls;
        var isolate = options.IsolateTlsSession || System.Net.IPAddress.TryParse(options.Connection.TlsTargetHost ?? options.Connection.Host, out _);
        return options with
        {
            Security = implicitTls ? FtpSecurity.ImplicitTls : options.Security,
            Connection = options.Connection with
            {
                UseImplicitTls = implicitTls,
                ResumeTlsSessionsByIpAddress = true,
                TlsSessionScope = options.Connection.TlsSessionScope ?? (isolate ? NextSessionScope() : null),
            },
        };
    }

    private static int _sessions;

    /// <summary>"s1", "s2", ...: a TLS cache name prefix no other session of this process uses.</summary>
    private static string NextSessionScope() =>
        "s" + Interlocked.Increment(ref _sessions).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The welcome reply (220), as ftplib's getwelcome gives it.</summary>
    public Reply WelcomeReply { get; private set; } = new(0, "");

    /// <summary>The welcome's text, every line, joined with '\n'.</summary>
    public string Welcome => string.Join('\n', WelcomeReply.MoreLines.Prepend(WelcomeReply.Text));

    /// <summary>The last FEAT answer; <see cref="FtpFeatures.Unknown"/> before FEAT.</summary>
    public FtpFeatures Features { get; private set; } = FtpFeatures.Unknown;

    /// <summary>True after a successful login.</summary>
    public bool IsAuthenticated { get; private set; }

    public bool IsConnected => _connection.IsUsable;

    /// <summary>True once TLS protects the control connection.</summary>
    public bool IsSecure => _connection.IsSecure;

    /// <summary>True after PROT P: data connections run under TLS too.</summary>
    public bool IsDataProtected { get; private set; }

    /// <summary>Connects, reads the welcome and, unless turned off, logs in.</summary>
    public static async Task<FtpClient> ConnectAsync(FtpClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options = Normalize(options);
        var connection = await TextConnection.ConnectAsync(options.Connection, options.Logger, cancellationToken).ConfigureAwait(false);
        return await StartAsync(new FtpClient(connection, options), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Connects with a URL such as <c>ftp://user:pass@host/</c>.</summary>
    public static Task<FtpClient> ConnectAsync(string url, CancellationToken cancellationToken = default) =>
        ConnectAsync(FtpClientOptions.FromUrl(url), cancellationToken);

    /// <summary>Runs the session over an already connected stream (tests, in-process servers).</summary>
    public static Task<FtpClient> ConnectAsync(Stream stream, FtpClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options = Normalize(options);
        return StartAsync(new FtpClient(TextConnection.FromStream(stream, options.Connection, options.Logger), options), cancellationToken);
    }

    /// <summary>QUIT (221) and close.</summary>
    public Task QuitAsync(CancellationToken cancellationToken = default) => _connection.QuitAsync(ReadReplyAsync, cancellationToken);

    /// <summary>Sends QUIT if the session is still in step (waiting a few seconds at most), then closes.</summary>
    public ValueTask DisposeAsync() => _connection.QuitQuietlyAsync(ReadReplyAsync);

    private static async Task<FtpClient> StartAsync(FtpClient client, CancellationToken cancellationToken)
    {
        try
        {
            await client.ReadWelcomeAsync(cancellationToken).ConfigureAwait(false);
            if (client._options.Security == FtpSecurity.ExplicitTls)
                await client.AuthTlsAsync(cancellationToken).ConfigureAwait(false);
            if (client._options.LogInOnConnect)
            {
                await client.LoginAsync(client._options.UserName, client._options.Password, client._options.Account, cancellationToken).ConfigureAwait(false);
                if (client.IsSecure && client._options.ProtectData)
                    await client.ProtectDataAsync(cancellationToken).ConfigureAwait(false);
            }
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>120 means "wait": the welcome follows. 220 is the welcome, 421 a refusal.</summary>
    private async Task ReadWelcomeAsync(CancellationToken cancellationToken)
    {
        var reply = await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        for (var delays = 0; reply.Code == 120 && delays < MaxDelayReplies; delays++)
            reply = await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        if (reply.Code == 220)
        {
            WelcomeReply = reply;
            return;
        }
        if (reply.IsTransientNegative || reply.IsPermanentNegative)
            throw Refusal(reply);
        throw Malformed(reply, "Unexpected welcome");
    }

    /// <summary>Sends one command and reads its reply, whatever it is.</summary>
    private async Task<Reply> CommandAsync(string line, CancellationToken cancellationToken)
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

    /// <summary>"VERB argument", the argument checked for CR, LF and NUL before anything is sent.</summary>
    private static string Command(string verb, string argument, string parameterName) =>
        verb + " " + CommandGuard.Check(argument, parameterName);

    private async ValueTask SendAsync(string line, CancellationToken cancellationToken)
    {
        EnsureUsable();
        _connection.WriteLine(line);
        await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask SendSensitiveAsync(string visiblePart, string secret, CancellationToken cancellationToken)
    {
        EnsureUsable();
        _connection.WriteSensitiveLine(visiblePart, secret);
        await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<Reply> ReadReplyAsync(CancellationToken cancellationToken)
    {
        try
        {
            var reply = await ReplyParser.ReadMultiLineAsync(_connection, cancellationToken).ConfigureAwait(false);
            if (reply.Code == 421)
                _connection.MarkBroken(); // the server closes the control connection after 421
            return reply;
        }
        catch (OperationCanceledException)
        {
            _connection.MarkBroken();
            throw;
        }
    }

    private void EnsureUsable()
    {
        if (!_connection.IsUsable)
            throw new InvalidOperationException("The FTP connection is closed or out of step after an earlier error; reconnect.");
    }

    private static ProtocolException Refusal(Reply reply) => FtpErrors.For(reply);

    /// <summary>A reply with the right code but unreadable content: the session is no longer trusted.</summary>
    private ProtocolViolationException Malformed(Reply reply, string what = "Malformed reply")
    {
        _connection.MarkBroken();
        return new ProtocolViolationException($"{what}: \"{Printable.Escape(reply.ToString())}\".");
    }
}
