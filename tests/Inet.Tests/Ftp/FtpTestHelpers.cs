using Inet.Core;
using Inet.Ftp;
using Inet.Tests.Fakes;
using Microsoft.Extensions.Logging;

namespace Inet.Tests.Ftp;

internal static class FtpTestHelpers
{
    /// <summary>The welcome and an anonymous login, as most sessions start.</summary>
    public const string AnonymousLogin = """
        S: 220 (vsFTPd 3.0.5)
        C: USER anonymous
        S: 331 Please specify the password.
        C: PASS anonymous@
        S: 230 Login successful.
        """;

    public const string Quit = "C: QUIT\nS: 221 Goodbye.";

    /// <summary>Welcome + anonymous login, then <paramref name="afterLogin"/>.</summary>
    public static ScriptedServer Server(string afterLogin) =>
        new ScriptedServer().Script(AnonymousLogin + "\n" + afterLogin);

    public static FtpClientOptions Options(ScriptedServer server, string? user = null, string? password = null,
        string? account = null, ILogger? logger = null, bool logIn = true)
    {
        var options = new FtpClientOptions
        {
            Connection = new ConnectionSettings { Host = "localhost", Port = server.Port, ReadTimeout = TimeSpan.FromSeconds(10) },
            Account = account,
            Logger = logger,
            LogInOnConnect = logIn,
        };
        return user is null ? options : options with { UserName = user, Password = password };
    }

    public static Task<FtpClient> Connect(ScriptedServer server, string? user = null, string? password = null,
        string? account = null, ILogger? logger = null, bool logIn = true) =>
        FtpClient.ConnectAsync(Options(server.Start(), user, password, account, logger, logIn));
}
