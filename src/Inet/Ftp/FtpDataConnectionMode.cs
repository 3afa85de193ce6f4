namespace Inet.Ftp;

/// <summary>How data connections are opened (RFC 959, RFC 2428).</summary>
public enum FtpDataConnectionMode
{
    /// <summary>EPSV, and PASV from then on if the server does not know EPSV. The default.</summary>
    AutoPassive,

    /// <summary>EPSV only (RFC 2428): the server gives a port on the control connection's address.</summary>
    ExtendedPassive,

    /// <summary>PASV only: IPv4 servers that predate RFC 2428.</summary>
    Passive,

    /// <summary>EPRT (RFC 2428), and PORT if the server does not know EPRT: the server connects to us.</summary>
    AutoActive,

    /// <summary>PORT only (IPv4).</summary>
    Active,
}
