using Inet.Core;
using Inet.Imap;
using Inet.Tests.Fakes;

namespace Inet.Tests.Imap;

internal static class ImapClientTestHelpers
{
    /// <summary>A greeting that carries its capabilities, so the client asks for none.</summary>
    public static string Greeting(string capabilities = "IMAP4rev1") => $"S: * OK [CAPABILITY {capabilities}] ready";

    /// <summary>LOGOUT as the client's dispose sends it, with tag number <paramref name="tag"/>.</summary>
    public static string Logout(int tag) => $"C: {Tag(tag)} LOGOUT\nS: * BYE logging out\nS: {Tag(tag)} OK LOGOUT completed";

    public static string Tag(int n) => "A" + n.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    public static ImapClientOptions Options(ScriptedServer server) => new()
    {
        Connection = new ConnectionSettings { Host = "localhost", Port = server.Port, ReadTimeout = TimeSpan.FromSeconds(5) },
    };

    public static Task<ImapClient> Connect(ScriptedServer server, Func<ImapClientOptions, ImapClientOptions>? change = null)
    {
        var options = Options(server.Start());
        return ImapClient.ConnectAsync(change is null ? options : change(options));
    }
}
