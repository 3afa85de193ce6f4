namespace Inet.Pop3;

/// <summary>When to upgrade a plain POP3 connection with STLS (RFC 2595).</summary>
public enum Pop3StartTls
{
    /// <summary>Upgrade whenever CAPA lists STLS; credentials are still never sent without TLS.</summary>
    Auto,

    /// <summary>Upgrade, or stop after CAPA (before anything else is sent) when the server does not offer STLS.</summary>
    Always,

    /// <summary>Stay plain: the caller asked for it.</summary>
    Never,
}
