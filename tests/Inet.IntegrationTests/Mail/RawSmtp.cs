using System.Globalization;
using Inet.IntegrationTests.Infrastructure;

namespace Inet.IntegrationTests.Mail;

/// <summary>One SMTP or LMTP reply: its code and the text of every line (code and separator removed).</summary>
internal sealed record SmtpReply(int Code, IReadOnlyList<string> Lines)
{
    public override string ToString() => Code.ToString(CultureInfo.InvariantCulture) + " " + string.Join(" | ", Lines);
}

/// <summary>
/// A bare SMTP/LMTP dialogue over <see cref="RawLineClient"/>, for checking the mail servers' set-up
/// without the Inet clients under test: multi-line replies, DATA with dot-stuffing, and a poll for the
/// file a server saved.
/// </summary>
internal static class RawSmtp
{
    /// <summary>Reads one reply: lines "250-..." up to the last one, "250 ...".</summary>
    public static async Task<SmtpReply> ReadReplyAsync(this RawLineClient client, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        while (true)
        {
            var line = await client.ReadLineAsync(cancellationToken);
            if (line.Length < 3 || !int.TryParse(line.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            {
                throw new InvalidDataException($"Not an SMTP reply line: '{line}'.");
            }

            lines.Add(line.Length > 4 ? line[4..] : "");
            if (line.Length == 3 || line[3] == ' ')
            {
                return new SmtpReply(code, lines);
            }
        }
    }

    /// <summary>Sends a command and reads its reply.</summary>
    public static async Task<SmtpReply> SmtpAsync(this RawLineClient client, string command, CancellationToken cancellationToken)
    {
        await client.SendLineAsync(command, cancellationToken);
        return await client.ReadReplyAsync(cancellationToken);
    }

    /// <summary>
    /// DATA (expects 354), the lines dot-stuffed, and the final ".". Reads nothing after the "."
    /// (SMTP sends one reply, LMTP one per accepted recipient).
    /// </summary>
    public static async Task SendDataAsync(this RawLineClient client, IEnumerable<string> lines, CancellationToken cancellationToken)
    {
        var go = await client.SmtpAsync("DATA", cancellationToken);
        Assert.True(go.Code == 354, $"DATA: {go}");
        foreach (var line in lines)
        {
            await client.SendLineAsync(line.StartsWith('.') ? "." + line : line, cancellationToken);
        }

        await client.SendLineAsync(".", cancellationToken);
    }

    /// <summary>
    /// Polls <paramref name="directory"/> (and its subfolders when <paramref name="recursive"/>) until a
    /// file whose name matches <paramref name="pattern"/> contains <paramref name="token"/>; returns its text.
    /// Servers write the file around the time they reply, so it may show up (or fill) a little later.
    /// </summary>
    public static async Task<string> WaitForFileContainingAsync(
        string directory, string pattern, string token, bool recursive, CancellationToken cancellationToken)
    {
        var option = recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly;
        while (true)
        {
            if (Directory.Exists(directory))
            {
                foreach (var file in Directory.EnumerateFiles(directory, pattern, option))
                {
                    string text;
                    try
                    {
                        text = await File.ReadAllTextAsync(file, cancellationToken);
                    }
                    catch (IOException)
                    {
                        continue;   // moved (maildir new/ -> cur/) or removed while listing
                    }

                    if (text.Contains(token, StringComparison.Ordinal))
                    {
                        return text;
                    }
                }
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
