using Inet.Core;
using Inet.Core.Sasl;

namespace Inet.Smtp;

public sealed partial class SmtpClient
{
    /// <summary>
    /// AUTH (RFC 4954) with the strongest mechanism the server offers (or the one the options force):
    /// SCRAM-SHA-256, CRAM-MD5, PLAIN, LOGIN; XOAUTH2 when a token is given. Without TLS the client
    /// stops before AUTH with a <see cref="TlsUnavailableException"/> unless the options allow it.
    /// 535 and other refusals are an <see cref="AuthenticationFailedException"/>. No credential or AUTH
    /// payload ever reaches the log.
    /// </summary>
    public async Task AuthenticateAsync(string userName, string? password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        if (!IsSecure && !_options.AllowCredentialsWithoutTls)
            throw new TlsUnavailableException("The connection is not protected by TLS (the server offers no STARTTLS, or it was turned off); the credentials were not sent.");
        if (Capabilities.AuthMechanisms.Count == 0)
            throw new SmtpCommandException(new Reply(502, "5.5.1 AUTH not offered"), "The server does not offer AUTH; the credentials were not sent.");
        var mechanism = _options.AuthMechanism is { } forced
            ? SaslMechanisms.Create(forced, userName, password, _options.OAuthToken)
            : SaslMechanisms.Choose(Capabilities.AuthMechanisms, userName, password, _options.OAuthToken)
              ?? throw new SmtpCommandException(new Reply(504, "5.5.4 no common mechanism"),
                  $"None of the server's AUTH mechanisms ({string.Join(' ', Capabilities.AuthMechanisms)}) is one this client implements.");
        await AuthenticateAsync(mechanism, cancellationToken).ConfigureAwait(false);
    }

    private async Task AuthenticateAsync(SaslMechanism mechanism, CancellationToken cancellationToken)
    {
        EnsureUsable();
        Reply final = new(0, "");
        await SaslExchange.RunAsync(_connection, mechanism, "AUTH " + mechanism.Name, sendInitialResponse: true, async ct =>
        {
            var reply = await ReadReplyAsync(ct).ConfigureAwait(false);
            if (reply.Code == 334)
                return reply.Text;
            final = reply;
            return null;
        }, cancellationToken).ConfigureAwait(false);
        if (final.Code != 235)
            throw new AuthenticationFailedException(final);
        mechanism.Complete(ReadOnlySpan<byte>.Empty);
        IsAuthenticated = true;
    }
}
