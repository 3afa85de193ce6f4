using MimeKit;

namespace Inet.Codecs;

/// <summary>Composes multipart/mixed mail or news messages: a text part followed by base64 attachments.</summary>
public static class MimeComposer
{
    /// <summary>
    /// Builds a multipart/mixed message from <paramref name="from"/> with <paramref name="text"/> and the
    /// attachments (base64, <c>Content-Disposition: attachment</c>). Give <paramref name="to"/> for mail,
    /// <paramref name="newsgroups"/> for news, or both. Attachment streams are read when the message is written.
    /// </summary>
    public static MimeMessage Compose(
        string from, string subject, string text, IEnumerable<MimeAttachment> attachments,
        IEnumerable<string>? to = null, IEnumerable<string>? newsgroups = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(attachments);
        RejectLineBreaks(from, nameof(from));
        RejectLineBreaks(subject, nameof(subject));

        var message = new MimeMessage { Subject = subject };
        message.From.Add(MailboxAddress.Parse(from));
        foreach (var address in to ?? [])
        {
            RejectLineBreaks(address, nameof(to));
            message.To.Add(MailboxAddress.Parse(address));
        }
        var groups = (newsgroups ?? []).ToArray();
        if (groups.Length > 0)
        {
            foreach (var group in groups)
            {
                if (group.Length == 0 || group.Any(c => c <= ' ' || c is ',' || c > '~'))
                    throw new ArgumentException($"Invalid newsgroup name '{group}'.", nameof(newsgroups));
            }
            message.Headers.Add("Newsgroups", string.Join(",", groups));
        }

        var body = new Multipart("mixed") { new TextPart("plain") { Text = text } };
        foreach (var attachment in attachments)
            body.Add(CreatePart(attachment));
        message.Body = body;
        return message;
    }

    private static MimePart CreatePart(MimeAttachment attachment)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        var name = SafeFileName.Sanitize(attachment.FileName);
        var mimeType = attachment.ContentType ?? MimeTypes.GetMimeType(name);
        return new MimePart(ContentType.Parse(mimeType))
        {
            Content = new MimeContent(attachment.Content),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = name,
        };
    }

    private static void RejectLineBreaks(string value, string parameter)
    {
        ArgumentNullException.ThrowIfNull(value, parameter);
        if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            throw new ArgumentException("CR, LF and NUL are not allowed in header values.", parameter);
    }
}
