using System.Security.Cryptography;
using System.Text;
using Inet.Core;
using Inet.Core.Sasl;

namespace Inet.Pop3;

public sealed partial class Pop3Client
{
    /// <summary>
    /// Logs in: AUTH (RFC 5034) with the strongest SASL mechanism CAPA lists (or the one the options
    /// force); else APOP when the greeting has a timestamp and the options allow it; else USER/PASS.
    /// Without TLS the client stops before sending anything with a <see cref="TlsUnavailableException"/>
    /// unless the options allow it. -ERR is a <see cref="Pop3AuthenticationException"/>. Neither the
    /// password nor any AUTH payload reaches the log. CAPA is asked again afterwards. The options'
    /// AuthMechanism may also name "USER" or "APOP" to force one of the RFC 1939 logins.
    /// </summary>
    public async Task LoginAsync(string userName, string? password, CancellationToken cancellationToken = default)
    {
        CommandGuard.Check(userName, nameof(userName));
        if (password is not null)
            CommandGuard.Check(password, nameof(password));
        if (!IsSecure && !_options.AllowCredentialsWithoutTls)
            throw new TlsUnavailableException("The connection is not protected by TLS (the server offers no STLS, or it was turned off); the credentials were not sent.");
        var forced = _options.AuthMechanism?.ToUpperInvariant();
        var mechanism = forced switch
        {
            null => SaslMechanisms.Choose(Capabilities.SaslMechanisms, userName, password, _options.OAuthToken),
            "USER" or "APOP" => null,
            _ => SaslMechanisms.Create(forced, userName, password, _options.OAuthToken),
        };
        if (mechanism is not null)
            await AuthenticateAsync(mechanism, cancellationToken).ConfigureAwait(false);
        else if (password is null)
            throw new InvalidOperationException("No password, and no SASL mechanism the server offers works with the token given.");
        else if (forced == "APOP" || forced is null && ApopTimestamp is not null && _options.AllowApop)
            await ApopAsync(userName, password, ApopTimestamp
                ?? throw new InvalidOperationException("APOP was asked for, but the greeting has no timestamp: the server does not offer APOP."), cancellationToken).ConfigureAwait(false);
        else
            await UserPassAsync(userName, password, cancellationToken).ConfigureAwait(false);
        IsAuthenticated = true;
        await CapaAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>APOP name digest: the MD5 of the greeting's timestamp and the password, in lower-case hex.</summary>
    internal static string ApopDigest(string timestamp, string password) =>
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(timestamp + password)));

    private async Task ApopAsync(string userName, string password, string timestamp, CancellationToken cancellationToken)
    {
        CommandGuard.CheckToken(userName, nameof(userName)); // APOP name digest: the name is one word
        await DrainOpenBodyAsync(cancellationToken).ConfigureAwait(false);
        EnsureUsable();
        _connection.WriteSensitiveLine($"APOP {userName} ", ApopDigest(timestamp, password));
        await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
        var response = await ReadResponseAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsOk)
            throw new Pop3AuthenticationException(response);
    }

    private async Task UserPassAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var response = await CommandAsync("USER " + userName, cancellationToken).ConfigureAwait(false);
        if (!response.IsOk)
            throw new Pop3AuthenticationException(response);
        EnsureUsable();
        _connection.WriteSensitiveLine("PASS ", password);
        await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
        response = await ReadResponseAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsOk)
            throw new Pop3AuthenticationException(response);
    }

    /// <summary>
    /// AUTH mechanism [initial-response] (RFC 5034 4): an empty initial response is "=", each challenge
    /// comes as "+ base64", and "*" cancels an exchange the client cannot continue.
    /// </summary>
    private async Task AuthenticateAsync(SaslMechanism mechanism, CancellationToken cancellationToken)
    {
        await DrainOpenBodyAsync(cancellationToken).ConfigureAwait(false);
        EnsureUsable();
        Pop3Response? final = null;
        await SaslExchange.RunAsync(_connection, mechanism, "AUTH " + mechanism.Name, sendInitialResponse: true, async ct =>
        {
            var (response, continuation) = await ReadResponseAsync(true, ct).ConfigureAwait(false);
            if (continuation)
                return response.Text;
            final = response;
            return null;
        }, cancellationToken).ConfigureAwait(false);
        if (final is not { IsOk: true })
            throw new Pop3AuthenticationException(final!);
        mechanism.Complete(ReadOnlySpan<byte>.Empty);
    }
}
