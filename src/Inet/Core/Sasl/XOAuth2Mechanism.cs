using System.Text;

namespace Inet.Core.Sasl;

/// <summary>
/// XOAUTH2 (Google, Microsoft): "user=U ^A auth=Bearer TOKEN ^A ^A" (^A is the byte 0x01). A failing server sends one
/// challenge holding a JSON error, which the client acknowledges with an empty response (as RFC 7628
/// does for OAUTHBEARER) so that the server can send its failure reply.
/// </summary>
internal sealed class XOAuth2Mechanism : SaslMechanism
{
    private readonly string _user;
    private readonly string _token;
    private bool _sent;
    private bool _errorAcknowledged;

    public XOAuth2Mechanism(string user, string token)
    {
        _user = RejectSeparator(user, nameof(user));
        _token = RejectSeparator(token, nameof(token));
    }

    public override string Name => "XOAUTH2";
    public override bool HasInitialResponse => true;

    public override byte[] InitialResponse()
    {
        if (_sent)
            throw new InvalidOperationException("XOAUTH2 has already sent its message.");
        _sent = true;
        return Encoding.UTF8.GetBytes("user=" + _user + "\u0001auth=Bearer " + _token + "\u0001\u0001");
    }

    public override byte[] Respond(ReadOnlySpan<byte> challenge)
    {
        if (!_sent && challenge.IsEmpty)
            return InitialResponse();
        if (!_sent || _errorAcknowledged)
            throw new SaslException("XOAUTH2 got an unexpected challenge: " + Printable.Escape(challenge));
        _errorAcknowledged = true;
        return [];
    }

    // ^A separates the fields, so one inside a field would let it forge another.
    private static string RejectSeparator(string value, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(value, parameterName);
        if (value.Contains('\u0001', StringComparison.Ordinal))
            throw new ArgumentException("XOAUTH2 user and token must not contain U+0001 (^A).", parameterName);
        return value;
    }
}
