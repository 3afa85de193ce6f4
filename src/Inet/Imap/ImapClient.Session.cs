using Inet.Core;
using Inet.Core.Sasl;

namespace Inet.Imap;

public sealed partial class ImapClient
{
    /// <summary>CAPABILITY: refreshes <see cref="Capabilities"/>.</summary>
    public async Task<ImapCapabilities> CapabilityAsync(CancellationToken cancellationToken = default)
    {
        await RunAsync(new ImapCommandBuilder("CAPABILITY"), cancellationToken: cancellationToken).ConfigureAwait(false);
        return Capabilities;
    }

    /// <summary>NOOP: lets the server report changes (EXISTS, EXPUNGE, FLAGS) and checks the session.</summary>
    public Task NoopAsync(CancellationToken cancellationToken = default) =>
        RunAsync(new ImapCommandBuilder("NOOP"), cancellationToken: cancellationToken);

    /// <summary>
    /// STARTTLS: OK, then the handshake. Anything the server sent after its OK and before the handshake is
    /// dropped (it was not protected and could be an injection), and the capabilities are asked again.
    /// </summary>
    public async Task StartTlsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await RunAsync(new ImapCommandBuilder("STARTTLS"), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ImapCommandException e)
        {
            throw new TlsUnavailableException("The server refused STARTTLS: " + Printable.Escape(e.Response.Text));
        }
        await _connection.StartTlsAsync(cancellationToken).ConfigureAwait(false);
        Capabilities = ImapCapabilities.None;
        await CapabilityAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Logs in: AUTHENTICATE with the strongest SASL mechanism offered (SASL-IR where offered), or LOGIN
    /// when none fits and LOGINDISABLED is absent. Never without TLS unless the options allow it. A refusal
    /// is an <see cref="AuthenticationFailedException"/>.
    /// </summary>
    public async Task AuthenticateAsync(string userName, string? password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        if (!IsSecure && !_options.AllowCredentialsWithoutTls)
            throw new TlsUnavailableException("The connection is not protected by TLS (the server offers no STARTTLS, or it was turned off); the credentials were not sent.");
        var mechanism = _options.AuthMechanism is { } forced && !forced.Equals("LOGIN-COMMAND", StringComparison.OrdinalIgnoreCase)
            ? SaslMechanisms.Create(forced, userName, password, _options.OAuthToken)
            : _options.AuthMechanism is null ? SaslMechanisms.Choose(Capabilities.AuthMechanisms, userName, password, _options.OAuthToken) : null;
        try
        {
            if (mechanism is not null)
                await AuthenticateAsync(mechanism, cancellationToken).ConfigureAwait(false);
            else if (Capabilities.LoginDisabled)
                throw new TlsUnavailableException("The server refuses LOGIN here (LOGINDISABLED) and offers no SASL mechanism this client has.");
            else
                _lastCompletion = await RunAsync(new ImapCommandBuilder("LOGIN").String(userName).Secret(password ?? ""), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ImapCommandException e)
        {
            throw new AuthenticationFailedException(new Reply(e.IsBad ? 500 : 535, e.Response.Text));
        }
        IsAuthenticated = true;
        if (!UpdateCapabilities(_lastCompletion))
            await CapabilityAsync(cancellationToken).ConfigureAwait(false); // they may change after login
    }

    private ImapResponse? _lastCompletion;

    private async Task AuthenticateAsync(SaslMechanism mechanism, CancellationToken cancellationToken)
    {
        EnsureUsable();
        var tag = NextTag();
        ImapResponse? final = null;
        await SaslExchange.RunAsync(_connection, mechanism, tag + " AUTHENTICATE " + mechanism.Name, Capabilities.SaslIr, async ct =>
        {
            while (true)
            {
                var response = await ReadResponseAsync(null, ct).ConfigureAwait(false);
                if (response.Kind == ImapResponseKind.Continuation)
                    return response.Text;
                if (response.Kind == ImapResponseKind.Tagged && response.Tag == tag)
                {
                    final = response; // after "*" too: RFC 9051 6.2.2, the server answers BAD
                    return null;
                }
                Absorb(response, null);
            }
        }, cancellationToken).ConfigureAwait(false);
        _lastCompletion = final;
        if (final!.Status != ImapStatus.Ok)
            throw new ImapCommandException("AUTHENTICATE " + mechanism.Name, final);
        mechanism.Complete(ReadOnlySpan<byte>.Empty);
    }

    /// <summary>ID (RFC 2971): tells the server who we are, returns what it says about itself.</summary>
    public async Task<IReadOnlyDictionary<string, string?>> IdAsync(IReadOnlyDictionary<string, string>? client = null, CancellationToken cancellationToken = default)
    {
        var command = new ImapCommandBuilder("ID");
        if (client is null || client.Count == 0)
        {
            command.Raw("NIL");
        }
        else
        {
            command.Raw("(" + string.Join(' ', client.Select(p => ImapQuoting.Quote(p.Key) + " " + ImapQuoting.Quote(p.Value))) + ")");
        }
        var server = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        await RunAsync(command, r =>
        {
            if (r.DataName == "ID" && r.Arguments.Count > 0 && r.Arguments[0].Kind == ImapValueKind.List)
            {
                var items = r.Arguments[0].AsList();
                for (var i = 0; i + 1 < items.Count; i += 2)
                    server[items[i].AsString() ?? ""] = items[i + 1].AsString();
            }
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return server;
    }

    /// <summary>ENABLE (RFC 5161), e.g. "UTF8=ACCEPT", "CONDSTORE", "QRESYNC": returns what the server enabled.</summary>
    public async Task<IReadOnlyList<string>> EnableAsync(IEnumerable<string> extensions, CancellationToken cancellationToken = default)
    {
        var command = new ImapCommandBuilder("ENABLE");
        foreach (var extension in extensions)
            command.Raw(CommandGuard.CheckToken(extension, nameof(extensions)));
        var enabled = new List<string>();
        await RunAsync(command, r =>
        {
            if (r.DataName == "ENABLED")
                enabled.AddRange(r.Arguments.Select(v => (v.AsString() ?? "").ToUpperInvariant()));
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (enabled.Contains("UTF8=ACCEPT"))
            Utf8Enabled = true;
        return enabled;
    }

    private async Task ApplyStartTlsPolicyAsync(CancellationToken cancellationToken)
    {
        if (IsSecure || IsAuthenticated || _options.StartTls == StartTlsPolicy.Never)
            return;
        if (Capabilities.StartTls)
            await StartTlsAsync(cancellationToken).ConfigureAwait(false);
        else if (_options.StartTls == StartTlsPolicy.Always)
            throw new TlsUnavailableException("The server does not offer STARTTLS, and TLS was required. Nothing was sent.");
    }

    /// <summary>Takes a [CAPABILITY ...] code from a greeting or completion; false when there was none.</summary>
    private bool UpdateCapabilities(ImapResponse? response) =>
        response?.Code?.Is("CAPABILITY") == true && UpdateFromCode(response);
}
