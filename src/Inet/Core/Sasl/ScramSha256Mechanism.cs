using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Inet.Core.Sasl;

/// <summary>
/// SCRAM-SHA-256 (RFC 5802, RFC 7677) without channel binding (GS2 header "n,,"). The client proves it
/// knows the password without sending it, and the server proves it knows the salted verifier: its
/// signature (v=) is checked, and an exchange that ends without one fails.
/// </summary>
internal sealed class ScramSha256Mechanism : SaslMechanism
{
    /// <summary>RFC 7677 section 4 asks for at least 4096 iterations.</summary>
    internal const int MinIterations = 4096;
    /// <summary>Beyond this a hostile server could make the client burn seconds of CPU per login.</summary>
    internal const int MaxIterations = 1_000_000;

    private const string Gs2Header = "n,,";
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string _clientFirstBare;
    private readonly string _clientNonce;
    private readonly byte[] _password;
    private byte[]? _expectedServerSignature;
    private Step _step;

    private enum Step { Start, SentFirst, SentFinal, Verified, Failed }

    public ScramSha256Mechanism(string user, string password)
        : this(user, password, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))) { }

    /// <summary>For tests: a fixed client nonce, as in the RFC examples.</summary>
    internal ScramSha256Mechanism(string user, string password, string clientNonce)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(password);
        if (clientNonce.Length == 0 || !IsPrintable(clientNonce))
            throw new ArgumentException("The nonce must be printable ASCII without commas.", nameof(clientNonce));
        _clientNonce = clientNonce;
        // RFC 5802 wants SASLprep (RFC 4013) here. Full SASLprep is not implemented: NFKC, its main
        // step, is applied to the password, and the user name is only escaped as saslname requires.
        // Under InvariantGlobalization (this repo's apps and tests) .NET leaves non-ASCII text as it
        // is, so there a password goes as typed; composed input, the usual case, is unaffected.
        _password = Encoding.UTF8.GetBytes(password.Normalize(NormalizationForm.FormKC));
        var saslName = user.Replace("=", "=3D", StringComparison.Ordinal).Replace(",", "=2C", StringComparison.Ordinal);
        _clientFirstBare = "n=" + saslName + ",r=" + clientNonce;
    }

    public override string Name => "SCRAM-SHA-256";
    public override bool HasInitialResponse => true;

    public override byte[] InitialResponse()
    {
        if (_step != Step.Start)
            throw new InvalidOperationException("SCRAM-SHA-256 has already sent its first message.");
        _step = Step.SentFirst;
        return Encoding.UTF8.GetBytes(Gs2Header + _clientFirstBare);
    }

    public override byte[] Respond(ReadOnlySpan<byte> challenge)
    {
        var step = _step;
        _step = Step.Failed; // until this challenge has been accepted
        switch (step)
        {
            case Step.Start when challenge.IsEmpty:
                _step = Step.Start;
                return InitialResponse();
            case Step.SentFirst:
                var clientFinal = ClientFinal(challenge);
                _step = Step.SentFinal;
                return clientFinal;
            case Step.SentFinal:
                VerifyServerFinal(challenge);
                _step = Step.Verified;
                return [];
            case Step.Start:
                throw new SaslException("SCRAM-SHA-256 got a challenge before its first message.");
            default:
                throw new SaslException("SCRAM-SHA-256 got a challenge after the exchange was over.");
        }
    }

    public override void Complete(ReadOnlySpan<byte> serverFinal)
    {
        if (_step == Step.Verified)
            return;
        if (_step != Step.SentFinal || serverFinal.IsEmpty)
            throw new SaslException("The server reported success without proving it knows the password (no SCRAM server signature).");
        _step = Step.Failed;
        VerifyServerFinal(serverFinal);
        _step = Step.Verified;
    }

    private byte[] ClientFinal(ReadOnlySpan<byte> serverFirstBytes)
    {
        var serverFirst = Decode(serverFirstBytes);
        var attributes = ParseAttributes(serverFirst);
        if (attributes.ContainsKey('m'))
            throw new SaslException("The SCRAM server demands an extension this client does not know: " + Printable.Escape(serverFirst));
        var nonce = Required(attributes, 'r', serverFirst);
        if (nonce.Length <= _clientNonce.Length || !nonce.StartsWith(_clientNonce, StringComparison.Ordinal) || !IsPrintable(nonce))
            throw new SaslException("The SCRAM server nonce does not extend the client's: " + Printable.Escape(nonce));
        if (!SaslBase64.TryDecode(Required(attributes, 's', serverFirst), out var salt) || salt.Length == 0)
            throw new SaslException("The SCRAM salt is not valid base64: " + Printable.Escape(serverFirst));
        var iterationText = Required(attributes, 'i', serverFirst);
        if (!int.TryParse(iterationText, NumberStyles.None, CultureInfo.InvariantCulture, out var iterations)
            || iterations < MinIterations || iterations > MaxIterations)
            throw new SaslException($"The SCRAM iteration count must be {MinIterations} to {MaxIterations}, not {Printable.Escape(iterationText)}.");

        var withoutProof = "c=" + Convert.ToBase64String(Encoding.ASCII.GetBytes(Gs2Header)) + ",r=" + nonce;
        var authMessage = Encoding.UTF8.GetBytes(_clientFirstBare + "," + serverFirst + "," + withoutProof);
        var salted = Rfc2898DeriveBytes.Pbkdf2(_password, salt, iterations, HashAlgorithmName.SHA256, SHA256.HashSizeInBytes);
        var clientKey = HMACSHA256.HashData(salted, "Client Key"u8);
        var proof = HMACSHA256.HashData(SHA256.HashData(clientKey), authMessage);
        for (var i = 0; i < proof.Length; i++)
            proof[i] ^= clientKey[i];
        _expectedServerSignature = HMACSHA256.HashData(HMACSHA256.HashData(salted, "Server Key"u8), authMessage);
        CryptographicOperations.ZeroMemory(salted);
        CryptographicOperations.ZeroMemory(clientKey);
        return Encoding.UTF8.GetBytes(withoutProof + ",p=" + Convert.ToBase64String(proof));
    }

    private void VerifyServerFinal(ReadOnlySpan<byte> serverFinalBytes)
    {
        var serverFinal = Decode(serverFinalBytes);
        var attributes = ParseAttributes(serverFinal);
        if (attributes.TryGetValue('e', out var error))
            throw new SaslException("The SCRAM server reported an error: " + Printable.Escape(error));
        if (!SaslBase64.TryDecode(Required(attributes, 'v', serverFinal), out var signature)
            || !CryptographicOperations.FixedTimeEquals(signature, _expectedServerSignature))
            throw new SaslException("The SCRAM server signature is wrong: the server does not know the password.");
    }

    private static string Decode(ReadOnlySpan<byte> message)
    {
        try
        {
            return StrictUtf8.GetString(message);
        }
        catch (DecoderFallbackException e)
        {
            throw new SaslException("A SCRAM server message is not valid UTF-8.", e);
        }
    }

    private static Dictionary<char, string> ParseAttributes(string message)
    {
        var attributes = new Dictionary<char, string>();
        foreach (var part in message.Split(','))
        {
            if (part.Length < 2 || part[1] != '=' || !char.IsAsciiLetter(part[0]) || !attributes.TryAdd(part[0], part[2..]))
                throw new SaslException("A SCRAM server message is malformed: " + Printable.Escape(message));
        }
        return attributes;
    }

    private static string Required(Dictionary<char, string> attributes, char name, string message) =>
        attributes.TryGetValue(name, out var value)
            ? value
            : throw new SaslException($"A SCRAM server message lacks '{name}=': {Printable.Escape(message)}");

    // RFC 5802 "printable": %x21-7E except ','.
    private static bool IsPrintable(string text)
    {
        foreach (var c in text)
        {
            if (c is < '!' or > '~' or ',')
                return false;
        }
        return true;
    }
}
