namespace Inet.Smtp;

/// <summary>When the server should send a delivery status notification (RFC 3461 NOTIFY).</summary>
[Flags]
public enum SmtpNotify
{
    /// <summary>The server's default (no NOTIFY parameter).</summary>
    Default = 0,
    Never = 1,
    Success = 2,
    Failure = 4,
    Delay = 8,
}

/// <summary>One RCPT TO: the address and its DSN options (used when the server offers DSN).</summary>
public sealed record SmtpRecipient(string Address)
{
    public SmtpNotify Notify { get; init; }

    /// <summary>ORCPT: the original recipient, sent as <c>rfc822;address</c>.</summary>
    public string? OriginalRecipient { get; init; }

    public static implicit operator SmtpRecipient(string address) => new(address);
}
