using Inet.Core;

namespace Inet.Imap;

/// <summary>The server answered a command with NO or BAD; the response code (TRYCREATE, ALERT, ...) is kept.</summary>
public sealed class ImapCommandException : ProtocolException
{
    public ImapCommandException(string command, ImapResponse response)
        : base(new Reply(response.Status == ImapStatus.Bad ? 500 : 550, response.Text),
            $"The server answered {Printable.Escape(command)} with {response.Status?.ToString().ToUpperInvariant()}: {Printable.Escape(response.Text)}")
    {
        Response = response;
    }

    public ImapResponse Response { get; }

    /// <summary>BAD: the server did not understand the command (a client bug or an unsupported extension).</summary>
    public bool IsBad => Response.Status == ImapStatus.Bad;

    public ImapResponseCode? ResponseCode => Response.Code;
}

/// <summary>The server said BYE: it is closing the connection.</summary>
public sealed class ImapByeException : ProtocolException
{
    public ImapByeException(ImapResponse response)
        : base(new Reply(421, response.Text), $"The server closed the session: {Printable.Escape(response.Text)}") => Response = response;

    public ImapResponse Response { get; }
}
