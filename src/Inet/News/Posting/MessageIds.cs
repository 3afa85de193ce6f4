using System.Net.Mail;
using System.Security.Cryptography;

namespace Inet.News.Posting;

/// <summary>Generates unique Message-IDs <c>&lt;random@domain&gt;</c> (128 random bits, so no central counter).</summary>
internal static class MessageIds
{
    public const string FallbackDomain = "inet.invalid";

    public static string Create(string domain) =>
        "<" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) + "@" + domain + ">";

    /// <summary>The configured domain, else the From address's domain when it is a plain host name, else the fallback.</summary>
    public static string DomainFor(BinaryPostOptions options)
    {
        if (options.MessageIdDomain is { } configured)
            return IsHostName(configured) ? configured : throw new ArgumentException($"'{configured}' is not a usable Message-ID domain.", nameof(options));
        return MailAddress.TryCreate(options.From, out var address) && IsHostName(address.Host) ? address.Host : FallbackDomain;
    }

    private static bool IsHostName(string text) =>
        text.Length is > 0 and <= 200 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-') && !text.StartsWith('.') && !text.EndsWith('.');
}
