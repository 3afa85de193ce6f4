using System.Text;
using Inet.Core;

namespace Inet.Pop3;

/// <summary>
/// A POP3 client (RFC 1939, 2449, 2595, 5034) on the shared core: greeting, CAPA, STLS, login by SASL
/// AUTH, APOP or USER/PASS, and the maildrop commands, with messages handed out as streams and
/// RETR/LIST/UIDL/DELE pipelined when the server offers PIPELINING. A cancelled or timed-out command
/// leaves the connection unusable: dispose it and reconnect.
/// </summary>
/// <remarks>
/// Deletions take effect only on <see cref="QuitAsync"/> (RFC 1939 6). <see cref="DisposeAsync"/> sends
/// QUIT only when no DELE is pending; after a DELE, an exception or a half-read message it just closes,
/// so nothing is deleted that the caller did not confirm by calling QuitAsync.
/// </remarks>
public sealed partial class Pop3Client : IAsyncDisposable
{
    /// <summary>URL schemes: pop3 (110), pop3s (995, implicit TLS).</summary>
    public static readonly IReadOnlyDictionary<string, (int Port, bool Tls)> Schemes =
        new Dictionary<string, (int, bool)> { ["pop3"] = (110, false), ["pop3s"] = (995, true) };

    private const int MaxCapaLines = 1_000;

    /// <summary>
    /// Longest status line accepted. RFC 2449 allows 512 octets; this leaves room for talkative servers
    /// while message lines keep the connection's (larger) limit.
    /// </summary>
    public const int MaxStatusLineLength = 4_096;

    private readonly TextConnection _connection;
    private readonly Pop3ClientOptions _options;
    private DotBodyStream? _openBody;

    private Pop3Client(TextConnection connection, Pop3ClientOptions options)
    {
        _connection = connection;
        _options = options;
    }

    /// <summary>The greeting line ("+OK ..."), as Python's poplib getwelcome() gives it.</summary>
    public Pop3Response Greeting { get; private set; } = new(true, "");

    /// <summary>The APOP timestamp from the greeting ("&lt;pid.clock@host&gt;"), or null when there is none.</summary>
    public string? ApopTimestamp { get; private set; }

    /// <summary>What the last CAPA listed; <see cref="Pop3Capabilities.None"/> when the server does not know CAPA.</summary>
    public Pop3Capabilities Capabilities { get; private set; } = Pop3Capabilities.None;

    public bool IsConnected => _connection.IsUsable;

    /// <summary>True once TLS protects the session (implicit or STLS).</summary>
    public bool IsSecure => _connection.IsSecure;

    /// <summary>True after a successful login (the TRANSACTION state).</summary>
    public bool IsAuthenticated { get; private set; }

    /// <summary>Messages marked with DELE in this session and not restored by RSET.</summary>
    public int PendingDeletions { get; private set; }

    /// <summary>Connects, reads the greeting, asks CAPA, upgrades with STLS as the options say, and logs in when credentials are given.</summary>
    public static async Task<Pop3Client> ConnectAsync(Pop3ClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        var connection = await TextConnection.ConnectAsync(options.Connection, options.Logger, cancellationToken).ConfigureAwait(false);
        return await StartAsync(new Pop3Client(connection, options), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Connects with a URL such as <c>pop3s://user:pass@host</c>.</summary>
    public static Task<Pop3Client> ConnectAsync(string url, CancellationToken cancellationToken = default) =>
        ConnectAsync(Pop3ClientOptions.FromUrl(url), cancellationToken);

    /// <summary>Runs the session over an already connected stream (tests, in-process servers).</summary>
    public static Task<Pop3Client> ConnectAsync(Stream stream, Pop3ClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        return StartAsync(new Pop3Client(TextConnection.FromStream(stream, options.Connection, options.Logger), options), cancellationToken);
    }

    /// <summary>
    /// QUIT: the server deletes the messages marked with DELE (the UPDATE state) and closes. An -ERR
    /// answer (some deletions failed) is a <see cref="Pop3CommandException"/>; the connection is closed either way.
    /// Returns the +OK answer, or null when the session was already closed or out of step (nothing was sent).
    /// </summary>
    public async Task<Pop3Response?> QuitAsync(CancellationToken cancellationToken = default)
    {
        Pop3Response? answer = null;
        try
        {
            await DrainOpenBodyAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // Out of step: QuitAsync below only closes.
        }
        await _connection.QuitAsync(async ct =>
        {
            answer = await ReadResponseAsync(ct).ConfigureAwait(false);
            return answer.ToReply();
        }, cancellationToken).ConfigureAwait(false);
        if (answer is { IsOk: false })
            throw new Pop3CommandException(answer, $"QUIT failed; some deletions may not have been made: {Printable.Escape(answer.ToString())}");
        PendingDeletions = 0;
        return answer;
    }

    /// <summary>
    /// Closes the session. QUIT is sent (briefly) only when no deletion is pending and no message is half
    /// read; otherwise the connection is just closed, so pending deletions are not committed.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (PendingDeletions > 0 || _openBody is { IsCompleted: false })
        {
            _connection.Log.Info(PendingDeletions > 0
                ? $"closing without QUIT: {PendingDeletions} deletion(s) not committed"
                : "closing without QUIT: a message was not read to its end");
            await _connection.DisposeAsync().ConfigureAwait(false);
            return;
        }
        await _connection.QuitQuietlyAsync(async ct => (await ReadResponseAsync(ct).ConfigureAwait(false)).ToReply()).ConfigureAwait(false);
    }

    private static void Validate(Pop3ClientOptions options)
    {
        if (options.UserName is { } user)
            CommandGuard.Check(user, nameof(options.UserName));
        if (options.Password is { } password)
            CommandGuard.Check(password, nameof(options.Password));
        if (options.AuthMechanism is { } mechanism)
            CommandGuard.CheckToken(mechanism, nameof(options.AuthMechanism));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PipelineWindow, 1);
    }

    private static async Task<Pop3Client> StartAsync(Pop3Client client, CancellationToken cancellationToken)
    {
        try
        {
            await client.ReadGreetingAsync(cancellationToken).ConfigureAwait(false);
            await client.CapaAsync(cancellationToken).ConfigureAwait(false);
            await client.ApplyStartTlsPolicyAsync(cancellationToken).ConfigureAwait(false);
            if (client._options.UserName is { } user && (client._options.Password is not null || client._options.OAuthToken is not null))
                await client.LoginAsync(user, client._options.Password, cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends one command and reads its status line, whatever it says.</summary>
    private async Task<Pop3Response> CommandAsync(string line, CancellationToken cancellationToken)
    {
        await SendAsync(line, cancellationToken).ConfigureAwait(false);
        return await ReadResponseAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a command and throws <see cref="Pop3CommandException"/> on -ERR.</summary>
    private async Task<Pop3Response> ExpectOkAsync(string line, CancellationToken cancellationToken)
    {
        var response = await CommandAsync(line, cancellationToken).ConfigureAwait(false);
        return response.IsOk ? response : throw new Pop3CommandException(response);
    }

    private async ValueTask SendAsync(string line, CancellationToken cancellationToken)
    {
        await DrainOpenBodyAsync(cancellationToken).ConfigureAwait(false);
        EnsureUsable();
        _connection.WriteLine(line);
        await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a "+OK"/"-ERR" line (and "+ ..." in an AUTH exchange); anything else breaks the session.</summary>
    private async ValueTask<Pop3Response> ReadResponseAsync(CancellationToken cancellationToken) =>
        (await ReadResponseAsync(false, cancellationToken).ConfigureAwait(false)).Response;

    private async ValueTask<(Pop3Response Response, bool Continuation)> ReadResponseAsync(bool allowContinuation, CancellationToken cancellationToken)
    {
        var line = await _connection.ReadLineAsync(cancellationToken).ConfigureAwait(false); // marks the connection broken on any failure
        if (line.Length > MaxStatusLineLength)
        {
            _connection.MarkBroken();
            throw new ProtocolViolationException($"The server sent a status line of {line.Length} bytes (at most {MaxStatusLineLength} accepted).");
        }
        if (!Pop3Response.TryParse(line.Span, allowContinuation, out var response, out var continuation))
        {
            _connection.MarkBroken();
            throw new ProtocolViolationException($"The server sent a line that is not a POP3 status (+OK/-ERR): \"{Printable.Escape(line.Span)}\"");
        }
        return (response, continuation);
    }

    /// <summary>
    /// Reads the lines of a multi-line answer up to the lone "." (dot-unstuffed) and hands each to
    /// <paramref name="onLine"/>. More than <paramref name="maxLines"/> lines is a violation; a connection
    /// lost first throws (never a short listing).
    /// </summary>
    private async Task ReadLinesAsync(int maxLines, Action<string> onLine, CancellationToken cancellationToken)
    {
        for (var count = 0; ; count++)
        {
            var line = await _connection.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            var span = line.Span;
            if (span.Length > 0 && span[0] == (byte)'.')
            {
                if (span.Length == 1)
                    return;
                span = span[1..];
            }
            if (count >= maxLines)
            {
                _connection.MarkBroken();
                throw new ProtocolViolationException($"The server sent a multi-line answer of more than {maxLines} lines.");
            }
            onLine(Encoding.UTF8.GetString(span));
        }
    }

    /// <summary>Opens the message body that follows a +OK to RETR or TOP.</summary>
    private Pop3MessageStream OpenBody(int number, long? size)
    {
        var body = new DotBodyStream(_connection.Reader, _connection.MarkBroken);
        _openBody = body;
        return new Pop3MessageStream(number, size, body);
    }

    /// <summary>Skips the rest of a message the caller left half read (Go's closeDot), so the next command is in step.</summary>
    private async ValueTask DrainOpenBodyAsync(CancellationToken cancellationToken)
    {
        if (_openBody is { IsCompleted: false, IsFaulted: false } body)
        {
            _openBody = null;
            try
            {
                await body.DrainAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                _connection.MarkBroken();
                throw;
            }
        }
        _openBody = null;
    }

    private void EnsureUsable()
    {
        if (!_connection.IsUsable)
            throw new InvalidOperationException("The POP3 connection is closed or out of step after an earlier error; reconnect.");
    }
}
