using System.Security.Authentication;

namespace Inet.Core;

/// <summary>
/// TLS was required (ftps://, STARTTLS always) but the server refused or does not offer it. Raised
/// before any credential is sent.
/// </summary>
public sealed class TlsUnavailableException : AuthenticationException
{
    public TlsUnavailableException(string message, Reply? reply = null) : base(message) => Reply = reply;

    /// <summary>The server's refusal, when it gave one.</summary>
    public Reply? Reply { get; }
}
