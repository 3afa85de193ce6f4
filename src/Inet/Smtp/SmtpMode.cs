namespace Inet.Smtp;

/// <summary>Which dialect the client speaks.</summary>
public enum SmtpMode
{
    /// <summary>SMTP/ESMTP (RFC 5321): EHLO, and HELO when the server does not know EHLO.</summary>
    Smtp,

    /// <summary>LMTP (RFC 2033): LHLO, and one reply per accepted recipient after the data.</summary>
    Lmtp,
}
