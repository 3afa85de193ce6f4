using Inet.Core;

namespace Inet.Imap;

/// <summary>
/// An IMAP4rev1/IMAP4rev2 client (RFC 3501, 9051) on the shared core: tagged commands with a real
/// response parser, literals sent as LITERAL+ where offered, STARTTLS, LOGIN and AUTHENTICATE (SASL-IR),
/// and the mailbox and message commands, with bodies streamed to a sink. Commands that can go together
/// are pipelined (UID FETCH batches). A cancelled or timed-out command leaves the connection unusable:
/// dispose it and reconnect. Disposing sends LOGOUT when the session is in step.
/// </summary>
public sealed partial class ImapClient : IAsyncDisposable
{
    /// <summary>URL schemes: imap (143; STARTTLS as the options say) and imaps (993, implicit TLS).</summary>
    public static readonly IReadOnlyDictionary<string, (int Port, bool Tls)> Schemes =
        new Dictionary<string, (int, bool)> { ["imap"] = (143, false), ["imaps"] = (993, true) };

    private readonly TextConnection _connection;
    private readonly ImapResponseReader _reader;
    private readonly ImapClientOptions _options;
    private int _nextTag;

    /// <summary>
    /// Lines may be long in IMAP (a SEARCH answer or a FLAGS list is one line): the default 64 KiB limit
    /// becomes 4 MiB unless the caller set one of their own.
    /// </summary>
    private const int DefaultMaxLineLength = 4 * 1024 * 1024;

    private static ImapClientOptions Normalize(ImapClientOptions options) =>
        options.Connection.MaxLineLength != new ConnectionSettings { Host = "x", Port = 1 }.MaxLineLength
            ? options
            : options with { Connection = options.Connection with { MaxLineLength = DefaultMaxLineLength } };

    private ImapClient(TextConnection connection, ImapClientOptions options)
    {
        _connection = connection;
        _options = options;
        _reader = new ImapResponseReader(connection, options.ReaderLimits);
    }

    /// <summary>The greeting: OK (log in next), PREAUTH (already in), never BYE (that throws).</summary>
    public ImapResponse? Greeting { get; private set; }

    public ImapCapabilities Capabilities { get; private set; } = ImapCapabilities.None;

    public bool IsConnected => _connection.IsUsable;

    public bool IsSecure => _connection.IsSecure;

    public bool IsAuthenticated { get; private set; }

    /// <summary>True once ENABLE UTF8=ACCEPT succeeded: strings and mailbox names travel as UTF-8.</summary>
    public bool Utf8Enabled { get; private set; }

    /// <summary>The selected mailbox, or null.</summary>
    public ImapMailbox? Selected { get; private set; }

    /// <summary>Connects, reads the greeting, applies the STARTTLS policy and logs in when credentials are given.</summary>
    public static async Task<ImapClient> ConnectAsync(ImapClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options = Normalize(options);
        var connection = await TextConnection.ConnectAsync(options.Connection, options.Logger, cancellationToken).ConfigureAwait(false);
        return await StartAsync(new ImapClient(connection, options), cancellationToken).ConfigureAwait(false);
    }

    public static Task<ImapClient> ConnectAsync(string url, CancellationToken cancellationToken = default) =>
        ConnectAsync(ImapClientOptions.FromUrl(url), cancellationToken);

    /// <summary>Runs the session over an already connected stream (tests, in-process servers).</summary>
    public static Task<ImapClient> ConnectAsync(Stream stream, ImapClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options = Normalize(options);
        return StartAsync(new ImapClient(TextConnection.FromStream(stream, options.Connection, options.Logger), options), cancellationToken);
    }

    /// <summary>LOGOUT (BYE, then OK) and close.</summary>
    public async Task LogoutAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            if (_connection.IsUsable)
                await RunAsync(new ImapCommandBuilder("LOGOUT"), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ImapByeException) { /* the server may close first */ }
        finally
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Sends LOGOUT if the session is still in step (waiting a few seconds at most), then closes.</summary>
    public ValueTask DisposeAsync() => _connection.CloseQuietlyAsync(LogoutAsync);

    private static async Task<ImapClient> StartAsync(ImapClient client, CancellationToken cancellationToken)
    {
        try
        {
            await client.ReadGreetingAsync(cancellationToken).ConfigureAwait(false);
            await client.ApplyStartTlsPolicyAsync(cancellationToken).ConfigureAwait(false);
            var options = client._options;
            if (!client.IsAuthenticated && options.UserName is not null && (options.Password is not null || options.OAuthToken is not null))
                await client.AuthenticateAsync(options.UserName, options.Password, cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task ReadGreetingAsync(CancellationToken cancellationToken)
    {
        var greeting = await _reader.ReadAsync(null, cancellationToken).ConfigureAwait(false);
        if (greeting.Kind != ImapResponseKind.Untagged || greeting.Status is not (ImapStatus.Ok or ImapStatus.PreAuth or ImapStatus.Bye))
        {
            _connection.MarkBroken();
            throw new ProtocolViolationException($"The server's greeting is not * OK, PREAUTH or BYE: \"{Printable.Escape(greeting.ToString())}\".");
        }
        if (greeting.Status == ImapStatus.Bye)
        {
            _connection.MarkBroken();
            throw new ImapByeException(greeting);
        }
        Greeting = greeting;
        IsAuthenticated = greeting.Status == ImapStatus.PreAuth;
        if (!UpdateCapabilities(greeting))
            await CapabilityAsync(cancellationToken).ConfigureAwait(false);
    }

    private void EnsureUsable()
    {
        if (!_connection.IsUsable)
            throw new InvalidOperationException("The IMAP connection is closed or out of step after an earlier error; reconnect.");
    }
}
