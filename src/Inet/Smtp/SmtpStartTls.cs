namespace Inet.Smtp;

/// <summary>When to upgrade a plain connection with STARTTLS (RFC 3207).</summary>
public enum SmtpStartTls
{
    /// <summary>Upgrade whenever the server offers it; credentials are still never sent without TLS.</summary>
    Auto,

    /// <summary>Upgrade, or stop before anything else is sent when the server does not offer it.</summary>
    Always,

    /// <summary>Stay plain: the caller asked for it (credentials then go unprotected).</summary>
    Never,
}
