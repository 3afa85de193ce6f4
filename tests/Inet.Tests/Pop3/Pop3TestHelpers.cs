using System.Text;
using Inet.Core;
using Inet.Pop3;
using Inet.Tests.Fakes;

namespace Inet.Tests.Pop3;

internal static class Pop3TestHelpers
{
    public const string Quit = "C: QUIT\nS: +OK Logging out.";

    /// <summary>The greeting of RFC 1939's APOP example.</summary>
    public const string ApopGreeting = "+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>";

    /// <summary>A greeting and a CAPA answer listing <paramref name="capabilities"/>.</summary>
    public static string Hello(params string[] capabilities) => HelloWith("+OK Dovecot ready.", capabilities);

    public static string HelloWith(string greeting, params string[] capabilities)
    {
        var lines = new StringBuilder($"S: {greeting}\nC: CAPA\nS: +OK\n");
        foreach (var capability in capabilities)
            lines.Append("S: ").Append(capability).Append('\n');
        return lines.Append("S: .").ToString();
    }

    /// <summary>The CAPA exchange alone (as asked again after STLS and after login).</summary>
    public static string Capa(params string[] capabilities)
    {
        var lines = new StringBuilder("C: CAPA\nS: +OK\n");
        foreach (var capability in capabilities)
            lines.Append("S: ").Append(capability).Append('\n');
        return lines.Append("S: .").ToString();
    }

    public static Pop3ClientOptions Options(ScriptedServer server) => new()
    {
        Connection = new ConnectionSettings { Host = "localhost", Port = server.Port, ReadTimeout = TimeSpan.FromSeconds(10) },
    };

    public static Pop3ClientOptions WithLogin(ScriptedServer server, string? mechanism = null) => Options(server.Start()) with
    {
        UserName = "joe",
        Password = "s3cret",
        AuthMechanism = mechanism,
        AllowCredentialsWithoutTls = true, // the scripted server speaks plain TCP
    };

    public static Task<Pop3Client> Connect(ScriptedServer server) => Pop3Client.ConnectAsync(Options(server.Start()));

    public static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    public static async Task<string> ReadAllAsync(Stream stream)
    {
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory);
        return Encoding.UTF8.GetString(memory.ToArray());
    }
}
