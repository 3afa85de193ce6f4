using System.Globalization;
using Inet.Core;

namespace Inet.Smtp;

/// <summary>The server refused a command (4xx or 5xx); the enhanced status code is parsed when present.</summary>
public class SmtpCommandException : ProtocolException
{
    public SmtpCommandException(Reply reply, string? message = null) : base(reply, message) =>
        Status = SmtpStatus.FromReplyText(reply.Text);

    /// <summary>The RFC 3463 code from the reply text, e.g. 5.7.1; null when the server gave none.</summary>
    public SmtpStatus? Status { get; }
}

/// <summary>The message is larger than the server's SIZE limit; nothing of it was sent.</summary>
public sealed class SmtpMessageTooLargeException : SmtpCommandException
{
    public SmtpMessageTooLargeException(long size, long limit)
        : base(new Reply(552, "5.3.4 Message size exceeds fixed maximum message size (refused by the client before sending)"),
            string.Create(CultureInfo.InvariantCulture, $"The message is {size} bytes; the server accepts at most {limit}. Nothing was sent."))
    {
        Size = size;
        Limit = limit;
    }

    public long Size { get; }
    public long Limit { get; }
}

/// <summary>The server does not offer what the message needs (SMTPUTF8 for a non-ASCII address).</summary>
public sealed class SmtpExtensionMissingException : SmtpCommandException
{
    public SmtpExtensionMissingException(string extension, string why)
        : base(new Reply(553, "5.6.7 " + why), $"The server does not offer {extension}: {why}. Nothing was sent.") =>
        Extension = extension;

    public string Extension { get; }
}
