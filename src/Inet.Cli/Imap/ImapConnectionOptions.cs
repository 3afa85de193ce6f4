using System.CommandLine;
using Inet.Core;
using Inet.Imap;
using Microsoft.Extensions.Logging;

namespace Inet.Cli.Imap;

/// <summary>
/// The URL and connection options of <c>inet imap</c> verbs and <c>inet mail fetch imap://</c>:
/// every check first, then connect, log in, run the verb's work, LOGOUT.
/// </summary>
internal sealed class ImapConnectionOptions
{
    private readonly ConnectionOptions _common = new();

    public ImapConnectionOptions(Argument<string> url) => Url = url;

    /// <summary>The URL, an argument of <c>inet imap</c> itself: <c>inet imap URL VERB ...</c>.</summary>
    public Argument<string> Url { get; }

    public static Argument<string> CreateUrl() =>
        new("url") { Description = "imap[s]://user[:password]@host[:port]/[MAILBOX] (INBOX when none)" };

    public Option<StartTlsPolicy> StartTls { get; } = new("--starttls")
    {
        Description = "auto: upgrade when offered (default); always: fail without it; never: stay plain",
        DefaultValueFactory = _ => StartTlsPolicy.Auto,
    };

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { StartTls, _common.PasswordFile, _common.CaFile, _common.Insecure, _common.Verbose })
            command.Options.Add(o);
    }

    /// <summary>Options for the URL: credentials from the URL, --password-file, INET_PASSWORD or ~/.netrc.</summary>
    public ImapClientOptions Build(ParseResult parse, string url, out ILoggerFactory? logging) =>
        ClientOptions(parse, _common, url, parse.GetValue(StartTls), out logging);

    /// <summary>
    /// Client options for an imap[s]:// URL (also <c>inet mail fetch</c>'s): a user and password are required, CR/LF/NUL
    /// refused before connecting, the certificate trust and transcript as the common options say.
    /// </summary>
    public static ImapClientOptions ClientOptions(ParseResult parse, ConnectionOptions common, string url, StartTlsPolicy policy, out ILoggerFactory? logging)
    {
        var address = ConnectionOptions.ParseAddress(url, ImapClient.Schemes);
        CommandGuard.Check(address.Path, "mailbox");
        var (user, password) = common.Credentials(parse, address);
        if (user is null)
            throw new UsageException("the URL needs a user: imap://USER@host/MAILBOX");
        if (password is null)
            throw new UsageException($"no password for {user}: give it in the URL, --password-file, {ConnectionOptions.PasswordVariable} or ~/.netrc");
        CommandGuard.Check(user, "user");
        CommandGuard.Check(password, "password");
        var options = ImapClientOptions.FromAddress(address with { User = user }, password);
        logging = common.Logging(parse);
        return options with
        {
            Connection = common.WithTrust(parse, options.Connection),
            StartTls = policy,
            AllowCredentialsWithoutTls = policy == StartTlsPolicy.Never,
            Logger = logging?.CreateLogger("imap"),
        };
    }

    /// <summary>Checks with <paramref name="prepare"/>, connects and logs in, runs the work, logs out; failures become exit codes.</summary>
    public Task<int> RunAsync(ParseResult parse, Func<ImapClientOptions, Func<ImapClient, Task<int>>> prepare, CancellationToken cancellationToken) =>
        CliRunner.RunAsync(async () =>
        {
            var options = Build(parse, parse.GetValue(Url)!, out var logging);
            using var _ = logging;
            var work = prepare(options);
            await using var client = await ImapClient.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
            var code = await work(client).ConfigureAwait(false);
            await client.LogoutAsync(cancellationToken).ConfigureAwait(false);
            return code;
        }, parse.InvocationConfiguration.Error);
}
