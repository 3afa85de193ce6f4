using System.Text;

namespace Inet.Core.Sasl;

/// <summary>PLAIN (RFC 4616): one message, empty authzid, NUL, user, NUL, password, in UTF-8.</summary>
internal sealed class PlainMechanism : SaslMechanism
{
    private readonly string _user;
    private readonly string _password;
    private bool _sent;

    public PlainMechanism(string user, string password)
    {
        _user = RejectNul(user, nameof(user));
        _password = RejectNul(password, nameof(password));
    }

    public override string Name => "PLAIN";
    public override bool HasInitialResponse => true;
    public override bool SendsPasswordInClear => true;

    public override byte[] InitialResponse()
    {
        if (_sent)
            throw new InvalidOperationException("PLAIN has already sent its message.");
        _sent = true;
        return Encoding.UTF8.GetBytes("\0" + _user + "\0" + _password);
    }

    public override byte[] Respond(ReadOnlySpan<byte> challenge)
    {
        if (_sent || !challenge.IsEmpty)
            throw new SaslException("PLAIN expects no challenge from the server.");
        return InitialResponse();
    }

    // NUL separates the fields, so one inside a field would move the boundary the server sees.
    private static string RejectNul(string value, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(value, parameterName);
        if (value.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException("PLAIN credentials must not contain NUL.", parameterName);
        return value;
    }
}
