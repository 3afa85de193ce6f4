using Inet.Core;
using Microsoft.Extensions.Logging;

namespace Inet.Ftp;

/// <summary>How an <see cref="FtpClient"/> connects and logs in.</summary>
public sealed record FtpClientOptions
{
    /// <summary>The user name sent when the URL names none (RFC 1635).</summary>
    public const string AnonymousUser = "anonymous";

    /// <summary>The password sent for anonymous logins.</summary>
    public const string AnonymousPassword = "anonymous@";

    /// <summary>Host, port and limits. Port 21 for ftp.</summary>
    public required ConnectionSettings Connection { get; init; }

    public string UserName { get; init; } = AnonymousUser;

    /// <summary>The password; when null or empty for the anonymous user, <see cref="AnonymousPassword"/> is sent.</summary>
    public string? Password { get; init; }

    /// <summary>Sent with ACCT when the server asks for an account (332).</summary>
    public string? Account { get; init; }

    /// <summary>Send USER/PASS right after the welcome (turn off to send commands such as FEAT first).</summary>
    public bool LogInOnConnect { get; init; } = true;

    /// <summary>The path from the URL, relative to the login folder (percent-decoded, without the leading '/').</summary>
    public string Path { get; init; } = "";

    public ILogger? Logger { get; init; }

    /// <summary>TLS: none (ftp://), explicit AUTH TLS (ftps://) or implicit (port 990).</summary>
    public FtpSecurity Security { get; init; }

    /// <summary>With TLS, protect data connections too (PBSZ 0, PROT P). Turning this off sends file contents in the clear.</summary>
    public bool ProtectData { get; init; } = true;

    /// <summary>How data connections are opened; EPSV with a PASV fallback by default.</summary>
    public FtpDataConnectionMode DataConnectionMode { get; init; } = FtpDataConnectionMode.AutoPassive;

    /// <summary>
    /// Connect to the address in a PASV reply. Off by default: the control connection's address is
    /// used, so a hostile or misconfigured server cannot send the client elsewhere (FTP bounce, RFC 2577).
    /// </summary>
    public bool TrustPassiveAddress { get; init; }

    /// <summary>
    /// Give this session's TLS a cache entry of its own (a synthetic SNI name; the certificate is still
    /// checked against the host). Needed when several FTPS sessions to one host run side by side in one
    /// process: .NET keeps one TLS session per name, and a data connection that resumes another
    /// session's ticket is refused by servers that require reuse (vsftpd: 522). IP hosts always get one.
    /// </summary>
    public bool IsolateTlsSession { get; init; }

    /// <summary>Parsed listings without MLSD send "LIST -a" to Unix servers, which otherwise hide dot files.</summary>
    public bool ListHiddenFiles { get; init; } = true;

    /// <summary>Check each transfer's byte count against SIZE, the 150 reply or the upload's length.</summary>
    public bool VerifyTransferSize { get; init; } = true;

    /// <summary>
    /// Options from a URL such as <c>ftp://user:pass@host:21/dir/</c>; no user means anonymous.
    /// <c>ftps://</c> is explicit TLS on port 21, or implicit TLS when the port is 990.
    /// </summary>
    public static FtpClientOptions FromUrl(string url, string? password = null) =>
        FromAddress(ServerAddress.Parse(url, FtpClient.Schemes), password);

    public static FtpClientOptions FromAddress(ServerAddress address, string? password = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        var anonymous = string.IsNullOrEmpty(address.User);
        var security = address.Scheme.Equals("ftps", StringComparison.OrdinalIgnoreCase)
            ? address.Port == FtpClient.ImplicitTlsPort ? FtpSecurity.ImplicitTls : FtpSecurity.ExplicitTls
            : FtpSecurity.None;
        return new FtpClientOptions
        {
            Connection = new ConnectionSettings { Host = address.Host, Port = address.Port, UseImplicitTls = security == FtpSecurity.ImplicitTls },
            Security = security,
            UserName = anonymous ? AnonymousUser : address.User!,
            Password = password ?? address.Password ?? (anonymous ? AnonymousPassword : null),
            Path = address.Path,
        };
    }
}
