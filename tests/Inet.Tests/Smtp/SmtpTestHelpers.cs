using System.Text;
using Inet.Core;
using Inet.Smtp;
using Inet.Tests.Fakes;

namespace Inet.Tests.Smtp;

internal static class SmtpTestHelpers
{
    public const string Quit = "C: QUIT\nS: 221 2.0.0 Bye";

    /// <summary>Greeting and an EHLO answer offering <paramref name="extensions"/>.</summary>
    public static string Hello(params string[] extensions)
    {
        var lines = new StringBuilder("S: 220 mx.example.test ESMTP\nC: EHLO client.test\n");
        if (extensions.Length == 0)
            return lines.Append("S: 250 mx.example.test").ToString();
        lines.Append("S: 250-mx.example.test\n");
        for (var i = 0; i < extensions.Length; i++)
            lines.Append(i == extensions.Length - 1 ? "S: 250 " : "S: 250-").Append(extensions[i]).Append('\n');
        return lines.ToString().TrimEnd('\n');
    }

    public static SmtpClientOptions Options(ScriptedServer server, SmtpMode mode = SmtpMode.Smtp) => new()
    {
        Connection = new ConnectionSettings { Host = "localhost", Port = server.Port, ReadTimeout = TimeSpan.FromSeconds(10) },
        ClientName = "client.test",
        Mode = mode,
    };

    public static Task<SmtpClient> Connect(ScriptedServer server, SmtpMode mode = SmtpMode.Smtp) =>
        SmtpClient.ConnectAsync(Options(server.Start(), mode));

    public static SmtpMessage Message(string text) => SmtpMessage.FromStream(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    public static SmtpEnvelope Envelope(string from, params string[] to) => new(from, [.. to.Select(a => new SmtpRecipient(a))]);

    public static async IAsyncEnumerable<T> Async<T>(IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            yield return item;
        }
    }
}
