using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Inet.Mail;

/// <summary>
/// Unique Maildir file names, the classic way (cr.yp.to/proto/maildir.html and Dovecot):
/// <c>&lt;seconds&gt;.M&lt;usec&gt;P&lt;pid&gt;Q&lt;counter&gt;R&lt;random&gt;[_&lt;key token&gt;].&lt;host&gt;</c>, with '/' and ':' in the host
/// written as \057 and \072. The key token (<see cref="MailKey.FileToken"/>) holds no '.', '/', ':' or ','.
/// </summary>
internal static partial class MaildirName
{
    private static long counter;
    private static readonly string Host = EscapeHost(Environment.MachineName);
    private static readonly int ProcessId = Environment.ProcessId;

    public static string Create(MailKey? key)
    {
        var now = DateTimeOffset.UtcNow;
        var micros = now.Ticks / 10 % 1_000_000;
        var q = Interlocked.Increment(ref counter);
        var random = Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()));
        var token = key is { } k ? "_" + k.FileToken : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{now.ToUnixTimeSeconds()}.M{micros}P{ProcessId}Q{q}R{random}{token}.{Host}");
    }

    /// <summary>The key token in a file name from new/ or cur/ (info suffix ":2,..." allowed), or null.</summary>
    public static string? KeyToken(string fileName)
    {
        var match = TokenPattern().Match(fileName);
        return match.Success ? match.Groups[1].Value : null;
    }

    public static string EscapeHost(string host)
    {
        var builder = new StringBuilder(host.Length);
        foreach (var c in host)
        {
            _ = c switch
            {
                '/' => builder.Append(@"\057"),
                ':' => builder.Append(@"\072"),
                _ when char.IsControl(c) => builder.Append('_'),
                _ => builder.Append(c),
            };
        }
        return builder.Length == 0 ? "localhost" : builder.ToString();
    }

    // The token sits right before the '.' that starts the host part.
    [GeneratedRegex(@"_(inet-[0-9a-f]{12}-(?:i[0-9]+-[0-9]+|p[0-9a-f]{16}))\.", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();
}
