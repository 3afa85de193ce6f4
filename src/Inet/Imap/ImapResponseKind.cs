namespace Inet.Imap;

/// <summary>The three shapes of a server response line.</summary>
public enum ImapResponseKind
{
    /// <summary>"* ...": untagged data or an untagged status (OK, NO, BAD, BYE, PREAUTH).</summary>
    Untagged,
    /// <summary>"A001 OK ...": the completion of a command.</summary>
    Tagged,
    /// <summary>"+ ...": the server waits for more of the command (literal, AUTHENTICATE, IDLE).</summary>
    Continuation,
}
