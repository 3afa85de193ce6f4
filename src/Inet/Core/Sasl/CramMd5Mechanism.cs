using System.Security.Cryptography;
using System.Text;

namespace Inet.Core.Sasl;

/// <summary>CRAM-MD5 (RFC 2195): answers the server's challenge with "user SP hex(HMAC-MD5(password, challenge))".</summary>
internal sealed class CramMd5Mechanism : SaslMechanism
{
    private readonly string _user;
    private readonly string _password;
    private bool _answered;

    public CramMd5Mechanism(string user, string password)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(password);
        _user = user;
        _password = password;
    }

    public override string Name => "CRAM-MD5";
    public override bool HasInitialResponse => false;

    public override byte[] InitialResponse() =>
        throw new InvalidOperationException("CRAM-MD5 has no initial response.");

    public override byte[] Respond(ReadOnlySpan<byte> challenge)
    {
        if (_answered)
            throw new SaslException("CRAM-MD5 got a second challenge.");
        if (challenge.IsEmpty)
            throw new SaslException("CRAM-MD5 got an empty challenge.");
        _answered = true;
#pragma warning disable CA5351 // MD5 is what the mechanism is defined with; the server chose to offer it.
        var digest = HMACMD5.HashData(Encoding.UTF8.GetBytes(_password), challenge);
#pragma warning restore CA5351
        return Encoding.UTF8.GetBytes(_user + " " + Convert.ToHexStringLower(digest));
    }
}
