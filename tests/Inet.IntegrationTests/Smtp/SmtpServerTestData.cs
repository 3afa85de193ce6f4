using System.Text;
using Inet.Core;
using Inet.IntegrationTests.Infrastructure;
using Inet.Smtp;

namespace Inet.IntegrationTests.Smtp;

/// <summary>Messages and options the SMTP integration tests share; every message carries a token of its own.</summary>
internal static class SmtpServerTestData
{
    public static string Token() => "tok" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>A message with hard cases: a lone-dot line, a line starting with a dot, 8-bit text, bare LF line ends.</summary>
    public static byte[] TrickyMessage(string token) => Encoding.UTF8.GetBytes(
        $"From: a@example.test\r\nTo: b@example.test\r\nSubject: {token} caf\u00e9\r\nMessage-ID: <{token}@example.test>\r\n\r\n" +
        ".\r\n..two dots\r\n.one dot\nbare LF line\nna\u00efve 8-bit text\r\n" + new string('x', 998) + "\r\nlast\r\n");

    /// <summary>What a server must store for <see cref="TrickyMessage"/>: the same bytes with bare LF made CRLF.</summary>
    public static byte[] Normalized(byte[] message) =>
        Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(message).Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal));

    public static SmtpClientOptions Aiosmtpd(AiosmtpdServerSettings s, bool implicitTls = false) => new()
    {
        Connection = new ConnectionSettings
        {
            Host = s.Host,
            Port = implicitTls ? s.TlsPort : s.Port,
            UseImplicitTls = implicitTls,
            TrustedRootCertificates = TestCertificates.LoadPem(s.CaFile),
            ReadTimeout = TimeSpan.FromSeconds(20),
        },
        UserName = s.User,
        Password = s.Password,
    };

    public static SmtpEnvelope Envelope(string from, params string[] to) => new(from, [.. to.Select(a => new SmtpRecipient(a))]);

    /// <summary>The bytes after the first blank line of an aiosmtpd file's X- header block.</summary>
    public static byte[] AfterXHeaders(byte[] file)
    {
        var offset = 0;
        while (offset < file.Length && file.AsSpan(offset).StartsWith("X-"u8))
            offset += file.AsSpan(offset).IndexOf("\r\n"u8) + 2;
        return file[offset..];
    }

    /// <summary>Waits for the file whose text holds <paramref name="token"/> and returns its bytes.</summary>
    public static async Task<byte[]> WaitForMessageAsync(string directory, string token, CancellationToken cancellationToken, bool recursive = true)
    {
        var option = recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly;
        while (true)
        {
            if (Directory.Exists(directory))
            {
                foreach (var file in Directory.EnumerateFiles(directory, "*", option))
                {
                    if (Path.GetRelativePath(directory, file).Split(Path.DirectorySeparatorChar)[..^1].Contains("tmp"))
                        continue; // a maildir's or aiosmtpd's file still being written
                    if (Path.GetFileName(file).StartsWith("dovecot", StringComparison.Ordinal))
                        continue; // Dovecot's index and cache files hold header copies
                    byte[] bytes;
                    try { bytes = await File.ReadAllBytesAsync(file, cancellationToken); }
                    catch (IOException) { continue; }
                    if (bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(token)) >= 0)
                        return bytes;
                }
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>How many files under <paramref name="directory"/> hold <paramref name="token"/>.</summary>
    public static int CountMessages(string directory, string token) =>
        !Directory.Exists(directory) ? 0 : Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Count(f => { try { return File.ReadAllText(f).Contains(token, StringComparison.Ordinal); } catch (IOException) { return false; } });
}
