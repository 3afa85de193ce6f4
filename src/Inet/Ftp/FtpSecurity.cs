namespace Inet.Ftp;

/// <summary>TLS on an FTP session (RFC 4217).</summary>
public enum FtpSecurity
{
    /// <summary>Plain FTP: everything, the password included, in the clear.</summary>
    None,

    /// <summary>AUTH TLS after the welcome (ftps:// on port 21). Refused AUTH TLS ends the session before USER.</summary>
    ExplicitTls,

    /// <summary>TLS from the first byte (port 990).</summary>
    ImplicitTls,
}
