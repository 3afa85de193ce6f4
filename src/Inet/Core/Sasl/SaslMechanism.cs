namespace Inet.Core.Sasl;

/// <summary>
/// One client side of a SASL exchange (RFC 4422). Protocol code sends <see cref="Name"/> and, when the
/// protocol allows it, <see cref="InitialResponse"/>; then answers each base64-decoded server challenge
/// with <see cref="Respond"/>, and on success calls <see cref="Complete"/> with any final server data.
/// </summary>
/// <remarks>
/// A mechanism with an initial response also accepts an empty first challenge in its place, for
/// protocols (IMAP without SASL-IR) that cannot send one. An instance serves one exchange only.
/// </remarks>
public abstract class SaslMechanism
{
    /// <summary>The registered mechanism name, upper case ("PLAIN", "SCRAM-SHA-256", ...).</summary>
    public abstract string Name { get; }

    /// <summary>True when the client speaks first (PLAIN, SCRAM, XOAUTH2).</summary>
    public abstract bool HasInitialResponse { get; }

    /// <summary>True when the password crosses the wire readable (PLAIN, LOGIN): callers refuse these without TLS.</summary>
    public virtual bool SendsPasswordInClear => false;

    /// <summary>The client's first message; <see cref="InvalidOperationException"/> when there is none or it was already taken.</summary>
    public abstract byte[] InitialResponse();

    /// <summary>The answer to one server challenge; <see cref="SaslException"/> when the challenge makes no sense here.</summary>
    public abstract byte[] Respond(ReadOnlySpan<byte> challenge);

    /// <summary>
    /// Called when the server reports success, with its additional data (empty when none). Mechanisms
    /// that authenticate the server throw <see cref="SaslException"/> when it never proved itself.
    /// </summary>
    public virtual void Complete(ReadOnlySpan<byte> serverFinal) { }
}
