namespace Inet.Imap;

/// <summary>The condition of a status response (RFC 9051 7.1).</summary>
public enum ImapStatus
{
    Ok,
    No,
    Bad,
    Bye,
    PreAuth,
}
