namespace Inet.Ftp;

/// <summary>The representation type set with TYPE (RFC 959 3.1.1).</summary>
public enum FtpTransferType
{
    /// <summary>TYPE A: text, CRLF line ends on the wire.</summary>
    Ascii,

    /// <summary>TYPE I: bytes as they are.</summary>
    Binary,
}
