namespace Inet.Mail;

/// <summary>What a fetch into a Maildir takes: which messages, and how many commands in flight.</summary>
public sealed record MailFetchOptions
{
    /// <summary>IMAP: only messages with an internal date on or after this day (SEARCH SINCE, not the Date: header).</summary>
    public DateOnly? Since { get; init; }

    /// <summary>IMAP: only messages without \Seen.</summary>
    public bool UnseenOnly { get; init; }

    /// <summary>POP3: delete each message from the server once it is safely in the Maildir and recorded (DELE, then QUIT).</summary>
    public bool Delete { get; init; }

    /// <summary>POP3: only messages listed after the last one this Maildir has fetched from the server.</summary>
    public bool AfterLastUidl { get; init; }

    /// <summary>IMAP: UIDs per UID FETCH command.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Commands in flight at once (UID FETCH batches, POP3 RETRs).</summary>
    public int Window { get; init; } = 4;
}

/// <summary>What a fetch did.</summary>
public sealed record MailFetchReport(int Fetched, int AlreadyFetched, long Bytes)
{
    /// <summary>POP3 with delete: messages deleted from the server.</summary>
    public int Deleted { get; init; }
}
