using System.Globalization;
using System.Text;
using Inet.Nntp;

namespace Inet.IntegrationTests.Infrastructure;

/// <summary>
/// Every test posts what it reads: a unique Message-ID (INN refuses a repeat for about 11 days)
/// and its own subject, found again by ID or by the number INN gave it.
/// </summary>
internal static class TestArticles
{
    public static string NewMessageId() => $"<{Guid.NewGuid():N}@inet.test>";

    public static string NewSubject(string prefix) => prefix + " " + Guid.NewGuid().ToString("N")[..12];

    public static MemoryStream Text(string messageId, string subject, string body, string group = NntpServerSettings.TestGroup) =>
        new(Encoding.UTF8.GetBytes(
            $"From: Inet Tests <tests@example.test>\r\nNewsgroups: {group}\r\nSubject: {subject}\r\nMessage-ID: {messageId}\r\n\r\n{body}"));

    /// <summary>
    /// The number of <paramref name="messageId"/> in <paramref name="group"/>, from its Xref header
    /// (INN answers STAT by message-id with number 0).
    /// </summary>
    public static async Task<long> NumberInAsync(NntpClient client, string messageId, string group = NntpServerSettings.TestGroup)
    {
        await foreach (var xref in client.HdrAsync("Xref", ArticleId.ByMessageId(messageId)))
        {
            foreach (var entry in xref.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var colon = entry.LastIndexOf(':');
                if (colon > 0 && entry[..colon] == group)
                    return long.Parse(entry[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);
            }
            throw new InvalidOperationException($"{messageId} is not in {group}: Xref {xref.Value}");
        }
        throw new InvalidOperationException($"No Xref for {messageId}.");
    }
}
