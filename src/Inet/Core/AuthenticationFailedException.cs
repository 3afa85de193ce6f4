namespace Inet.Core;

/// <summary>The server rejected the credentials (NNTP 481/482, SMTP 535, ...).</summary>
public class AuthenticationFailedException : ProtocolException
{
    public AuthenticationFailedException(Reply reply) : base(reply, $"Authentication failed ({reply.Code}): {Printable.Escape(reply.Text)}") { }
}
