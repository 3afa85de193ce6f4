using System.Globalization;
using System.Text;

namespace Inet.News.Posting;

/// <summary>The header block of a yEnc or uu article (MIME articles get theirs from MimeKit).</summary>
internal static class ArticleHeaders
{
    /// <summary>RFC 5322 date-time in UTC, e.g. <c>Tue, 01 Dec 2026 14:51:43 +0000</c>.</summary>
    public static string FormatDate(DateTimeOffset date) =>
        date.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    /// <summary>From, Newsgroups, Subject, Message-ID, Date, User-Agent, extra headers, blank line; CRLF line ends.</summary>
    public static byte[] Build(BinaryPostOptions options, PartPlan part, DateTimeOffset date)
    {
        var text = new StringBuilder(256)
            .Append("From: ").Append(options.From).Append("\r\n")
            .Append("Newsgroups: ").Append(string.Join(',', options.Newsgroups)).Append("\r\n")
            .Append("Subject: ").Append(part.Subject).Append("\r\n")
            .Append("Message-ID: ").Append(part.MessageId).Append("\r\n")
            .Append("Date: ").Append(FormatDate(date)).Append("\r\n");
        if (options.UserAgent is { Length: > 0 } agent)
            text.Append("User-Agent: ").Append(agent).Append("\r\n");
        foreach (var (name, value) in options.ExtraHeaders)
            text.Append(name).Append(": ").Append(value).Append("\r\n");
        text.Append("\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
