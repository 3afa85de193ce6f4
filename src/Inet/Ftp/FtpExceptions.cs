using Inet.Core;

namespace Inet.Ftp;

/// <summary>4xx: refused for now (RFC 959 "transient negative completion"); the same command may work later.</summary>
public class FtpTransientException(Reply reply) : ProtocolException(reply);

/// <summary>421: the service is not available and the server is closing the control connection.</summary>
public sealed class FtpServiceUnavailableException(Reply reply) : FtpTransientException(reply);

/// <summary>5xx: refused for good (RFC 959 "permanent negative completion").</summary>
public class FtpPermanentException(Reply reply) : ProtocolException(reply);

/// <summary>550: the file or folder does not exist or may not be touched.</summary>
public sealed class FtpFileUnavailableException(Reply reply) : FtpPermanentException(reply);

/// <summary>A well-formed reply of a kind the command does not allow here (ftplib's error_reply), e.g. 350 where 2xx was due.</summary>
public sealed class FtpUnexpectedReplyException(Reply reply)
    : ProtocolException(reply, $"Unexpected reply {reply.Code}: {Printable.Escape(reply.Text)}");

/// <summary>Maps FTP refusals to their typed exceptions.</summary>
internal static class FtpErrors
{
    public static ProtocolException For(Reply reply) => reply.Code switch
    {
        421 => new FtpServiceUnavailableException(reply),
        530 => new AuthenticationFailedException(reply),
        550 => new FtpFileUnavailableException(reply),
        >= 400 and < 500 => new FtpTransientException(reply),
        >= 500 and < 600 => new FtpPermanentException(reply),
        _ => new FtpUnexpectedReplyException(reply),
    };
}

/// <summary>
/// A transfer that did not end whole: the data connection broke, the final reply was a refusal (426,
/// 451, 552) or never came, or fewer bytes arrived than the server announced. Never a success.
/// </summary>
public sealed class FtpIncompleteTransferException : IOException
{
    public FtpIncompleteTransferException(string message, long transferred, long? expected = null, Reply? reply = null, Exception? inner = null)
        : base(message, inner)
    {
        Transferred = transferred;
        Expected = expected;
        Reply = reply;
    }

    /// <summary>Bytes that went over the data connection.</summary>
    public long Transferred { get; }

    /// <summary>Bytes that should have, when known.</summary>
    public long? Expected { get; }

    /// <summary>The final reply, when there was one.</summary>
    public Reply? Reply { get; }
}

/// <summary>The TLS handshake on a data connection failed; <see cref="Reply"/> has the server's reason (vsftpd: 522, session reuse required).</summary>
public sealed class FtpDataTlsException(string message, Reply? reply, Exception inner)
    : System.Security.Authentication.AuthenticationException(message, inner)
{
    public Reply? Reply { get; } = reply;
}
