using Inet.Core;

namespace Inet.Pop3;

/// <summary>The server answered -ERR to a command (no such message, a refused STLS, a locked mailbox...).</summary>
public class Pop3CommandException : ProtocolException
{
    public Pop3CommandException(Pop3Response response, string? message = null)
        : base(Required(response).ToReply(), message ?? $"The POP3 server answered {Printable.Escape(response.ToString())}") =>
        Response = response;

    /// <summary>The -ERR line as sent.</summary>
    public Pop3Response Response { get; }

    /// <summary>The RFC 2449 response code ("IN-USE", "SYS/PERM", ...), or null.</summary>
    public string? ResponseCode => Response.Code;

    private static Pop3Response Required(Pop3Response response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response;
    }
}

/// <summary>
/// The login was refused (-ERR to PASS, APOP or AUTH). <see cref="ResponseCode"/> tells bad credentials
/// ([AUTH]) from a mailbox in use ([IN-USE]) or a server problem ([SYS/TEMP], <see cref="ProtocolException.IsTransient"/>).
/// </summary>
public sealed class Pop3AuthenticationException : AuthenticationFailedException
{
    public Pop3AuthenticationException(Pop3Response response) : base(Required(response).ToReply()) => Response = response;

    public Pop3Response Response { get; }

    public string? ResponseCode => Response.Code;

    private static Pop3Response Required(Pop3Response response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response;
    }
}
