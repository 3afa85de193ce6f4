using Inet.Core;

namespace Inet.Smtp;

/// <summary>
/// An SMTP, ESMTP and LMTP client (RFC 5321, 2033) on the shared core: greeting, EHLO/LHLO (HELO as
/// a fallback), STARTTLS, AUTH, and messages sent with pipelining when offered, so that a message costs
/// one round trip. Every recipient's reply is reported. A cancelled or timed-out command leaves the
/// connection unusable: dispose it and reconnect. Disposing sends QUIT when the session is in step.
/// </summary>
public sealed partial class SmtpClient : IAsyncDisposable
{
    /// <summary>URL schemes: smtp (25), smtps (465, implicit TLS), lmtp (24).</summary>
    public static readonly IReadOnlyDictionary<string, (int Port, bool Tls)> Schemes =
        new Dictionary<string, (int, bool)> { ["smtp"] = (25, false), ["smtps"] = (465, true), ["lmtp"] = (24, false) };

    private readonly TextConnection _connection;
    private readonly SmtpClientOptions _options;

    private SmtpClient(TextConnection connection, SmtpClientOptions options)
    {
        _connection = connection;
        _options = options;
    }

    /// <summary>The greeting (220).</summary>
    public Reply Greeting { get; private set; } = new(0, "");

    /// <summary>What the last EHLO/LHLO answer offered; <see cref="SmtpCapabilities.None"/> after HELO.</summary>
    public SmtpCapabilities Capabilities { get; private set; } = SmtpCapabilities.None;

    public bool IsConnected => _connection.IsUsable;

    /// <summary>True once TLS protects the session (implicit or STARTTLS).</summary>
    public bool IsSecure => _connection.IsSecure;

    /// <summary>True after a successful AUTH.</summary>
    public bool IsAuthenticated { get; private set; }

    public SmtpMode Mode => _options.Mode;

    /// <summary>
    /// Connects, reads the greeting, says EHLO (or LHLO), upgrades with STARTTLS as the options say,
    /// and logs in when credentials are given.
    /// </summary>
    public static async Task<SmtpClient> ConnectAsync(SmtpClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        var connection = await TextConnection.ConnectAsync(options.Connection, options.Logger, cancellationToken).ConfigureAwait(false);
        return await StartAsync(new SmtpClient(connection, options), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Connects with a URL such as <c>smtp://user:pass@host:587</c>.</summary>
    public static Task<SmtpClient> ConnectAsync(string url, CancellationToken cancellationToken = default) =>
        ConnectAsync(SmtpClientOptions.FromUrl(url), cancellationToken);

    /// <summary>Runs the session over an already connected stream (tests, in-process servers).</summary>
    public static Task<SmtpClient> ConnectAsync(Stream stream, SmtpClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        return StartAsync(new SmtpClient(TextConnection.FromStream(stream, options.Connection, options.Logger), options), cancellationToken);
    }

    /// <summary>QUIT (221) and close.</summary>
    public Task QuitAsync(CancellationToken cancellationToken = default) => _connection.QuitAsync(ReadReplyAsync, cancellationToken);

    /// <summary>Sends QUIT if the session is still in step (waiting a few seconds at most), then closes.</summary>
    public ValueTask DisposeAsync() => _connection.QuitQuietlyAsync(ReadReplyAsync);

    private static void Validate(SmtpClientOptions options)
    {
        if (options.ClientName is { } name)
            CommandGuard.CheckToken(name, nameof(options.ClientName));
        if (options.UserName is { } user)
            CommandGuard.Check(user, nameof(options.UserName));
        if (options.Password is { } password)
            CommandGuard.Check(password, nameof(options.Password));
    }

    private static async Task<SmtpClient> StartAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        try
        {
            await client.ReadGreetingAsync(cancellationToken).ConfigureAwait(false);
            await client.HelloAsync(cancellationToken).ConfigureAwait(false);
            await client.ApplyStartTlsPolicyAsync(cancellationToken).ConfigureAwait(false);
            if (client._options.UserName is not null && (client._options.Password is not null || client._options.OAuthToken is not null))
                await client.AuthenticateAsync(client._options.UserName, client._options.Password, cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends one command and reads its reply, whatever it is.</summary>
    private async Task<Reply> CommandAsync(string line, CancellationToken cancellationToken)
    {
        await SendAsync(line, cancellationToken).ConfigureAwait(false);
        return await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a command and throws <see cref="SmtpCommandException"/> unless the reply matches <paramref name="expected"/>.</summary>
    private async Task<Reply> ExpectAsync(string line, int expected, CancellationToken cancellationToken)
    {
        var reply = await CommandAsync(line, cancellationToken).ConfigureAwait(false);
        return reply.Matches(expected) ? reply : throw new SmtpCommandException(reply);
    }

    private async ValueTask SendAsync(string line, CancellationToken cancellationToken)
    {
        EnsureUsable();
        _connection.WriteLine(line);
        await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<Reply> ReadReplyAsync(CancellationToken cancellationToken)
    {
        try
        {
            var reply = await ReplyParser.ReadMultiLineAsync(_connection, _options.ReplyLimits, cancellationToken).ConfigureAwait(false);
            if (reply.Code == 421)
                _connection.MarkBroken(); // the server closes the connection after 421
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
            throw new InvalidOperationException("The SMTP connection is closed or out of step after an earlier error; reconnect.");
    }
}
