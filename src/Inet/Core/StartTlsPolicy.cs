namespace Inet.Core;

/// <summary>When to upgrade a plain connection with STARTTLS (SMTP RFC 3207, IMAP RFC 9051, POP3 STLS RFC 2595).</summary>
public enum StartTlsPolicy
{
    /// <summary>Upgrade whenever the server offers it; credentials are still never sent without TLS.</summary>
    Auto,

    /// <summary>Upgrade, or stop before anything else is sent when the server does not offer it.</summary>
    Always,

    /// <summary>Stay plain: the caller asked for it (credentials then go unprotected).</summary>
    Never,
}
