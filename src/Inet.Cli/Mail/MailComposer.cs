using Inet.Core;
using Inet.Smtp;
using MimeKit;

namespace Inet.Cli.Mail;

/// <summary>
/// Turns the command line into messages, refusing bad input before anything is sent (exit 2): addresses
/// and header text with CR, LF or NUL, unreadable files, FILEs mixed with --subject/--body.
/// </summary>
internal static class MailComposer
{
    public static IReadOnlyList<SmtpOutgoingMessage> Prepare(MailSendRequest request)
    {
        if (request.Connections < 1)
            throw new UsageException("--connections must be at least 1");
        if (request.To.Length == 0)
            throw new UsageException("give at least one --to");
        var envelope = new SmtpEnvelope(request.From, [.. request.To.Select(a => new SmtpRecipient(a))]);
        try
        {
            envelope.CheckAddresses();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
        var composing = request.Subject is not null || request.Body is not null || request.Attachments.Length > 0;
        if (composing && request.Files.Length > 0)
            throw new UsageException("give FILEs or --subject/--body/--attach, not both");
        if (!composing && request.Files.Length == 0)
            throw new UsageException("nothing to send: give FILE.eml ... or --subject S --body TEXT");
        if (composing)
            return [new SmtpOutgoingMessage(envelope, SmtpMessage.FromMimeMessage(Compose(request)), "(composed)")];
        foreach (var file in request.Files)
            CheckReadable(file);
        return [.. request.Files.Select(f => new SmtpOutgoingMessage(envelope, SmtpMessage.FromFile(f), f))];
    }

    private static MimeMessage Compose(MailSendRequest request)
    {
        var subject = CheckText(request.Subject ?? "", "--subject");
        var message = new MimeMessage();
        if (request.From.Length > 0)
            message.From.Add(MailboxAddress.Parse(request.From));
        foreach (var to in request.To)
            message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Date = DateTimeOffset.Now;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId();
        var builder = new BodyBuilder { TextBody = request.Body ?? "" };
        foreach (var file in request.Attachments)
        {
            CheckReadable(file);
            builder.Attachments.Add(file);
        }
        message.Body = builder.ToMessageBody();
        return message;
    }

    private static string CheckText(string value, string option)
    {
        if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            throw new UsageException(option + " must not contain CR, LF or NUL");
        return value;
    }

    private static void CheckReadable(string file)
    {
        try
        {
            using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new UsageException($"cannot read {file}: {e.Message}");
        }
    }
}
