namespace Inet.Core.Sasl;

/// <summary>
/// A SASL exchange failed on the client side: the server sent a challenge that makes no sense, reported
/// an error inside the mechanism, or never proved who it is.
/// </summary>
public sealed class SaslException : Exception
{
    public SaslException(string message) : base(message) { }

    public SaslException(string message, Exception inner) : base(message, inner) { }
}
