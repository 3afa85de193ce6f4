using System.CommandLine;
using Inet.Core;
using Inet.Ftp;
using Microsoft.Extensions.Logging;

namespace Inet.Cli.Ftp;

/// <summary>
/// The URL argument and connection options of every <c>inet ftp</c> verb, and the one way they all run:
/// every check first, then connect, the verb's work, QUIT.
/// </summary>
internal sealed class FtpConnectionOptions
{
    private readonly ConnectionOptions _common = new();

    public Argument<string> Url { get; }

    public Option<bool> Active { get; } = new("--active") { Description = "active mode: the server connects back (EPRT, or PORT) instead of EPSV/PASV" };

    public Option<bool> TrustPasvAddress { get; } = new("--trust-pasv-address") { Description = "connect to the address in a PASV reply (by default the control connection's host is used)" };

    public Option<bool> ImplicitTls { get; } = new("--implicit-tls") { Description = "TLS from the first byte (default port 990); ftps:// alone is explicit AUTH TLS on port 21" };

    public FtpConnectionOptions(string urlDescription) =>
        Url = new Argument<string>("url") { Description = urlDescription };

    /// <summary>Adds the connection options to <paramref name="command"/> (the verb places <see cref="Url"/> among its arguments).</summary>
    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { _common.PasswordFile, _common.CaFile, _common.Insecure, Active, TrustPasvAddress, ImplicitTls, _common.Verbose })
            command.Options.Add(o);
    }

    /// <summary>The URL as given, parsed (exit 2 when it is not an ftp/ftps URL or holds CR, LF or NUL).</summary>
    public FtpTarget Target(ParseResult parse) => FtpTarget.Parse(parse.GetValue(Url)!, parse.GetValue(ImplicitTls));

    /// <summary>
    /// Parses the URL, lets <paramref name="prepare"/> check everything it needs and return the verb's work,
    /// and only then connects, logs in, runs the work and quits. Failures become the documented exit codes.
    /// </summary>
    public Task<int> RunAsync(ParseResult parse, Func<FtpTarget, Func<FtpClient, Task<int>>> prepare, CancellationToken cancellationToken) =>
        CliRunner.RunAsync(async () =>
        {
            var target = Target(parse);
            var work = prepare(target);
            var options = Build(parse, target, out var loggerFactory);
            using var logging = loggerFactory;
            await using var client = await FtpClient.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
            var code = await work(client).ConfigureAwait(false);
            await client.QuitAsync(cancellationToken).ConfigureAwait(false);
            return code;
        }, parse.InvocationConfiguration.Error);

    /// <summary>
    /// Client options for <paramref name="target"/>. A named user's password comes from the URL, --password-file,
    /// INET_PASSWORD or ~/.netrc; with no user (and none in ~/.netrc) the login is anonymous and no stored password is
    /// sent. <paramref name="logging"/> (--verbose) is the caller's to dispose.
    /// </summary>
    public FtpClientOptions Build(ParseResult parse, FtpTarget target, out ILoggerFactory? logging)
    {
        var (user, password) = _common.Credentials(parse, target.Address);
        if (user is null && parse.GetValue(_common.PasswordFile) is not null)
            throw new UsageException("--password-file needs a user: ftp://USER@host/");
        FtpTarget.Check(user, "user");
        FtpTarget.Check(password, "password");
        var options = FtpClientOptions.FromAddress(target.Address with { User = user }, user is null ? null : password);
        var security = target.Address.ImplicitTls ? FtpSecurity.ImplicitTls : options.Security;
        var connection = _common.WithTrust(parse, options.Connection with { UseImplicitTls = security == FtpSecurity.ImplicitTls });
        logging = _common.Logging(parse);
        return options with
        {
            Connection = connection,
            Security = security,
            DataConnectionMode = parse.GetValue(Active) ? FtpDataConnectionMode.AutoActive : FtpDataConnectionMode.AutoPassive,
            TrustPassiveAddress = parse.GetValue(TrustPasvAddress),
            Logger = logging?.CreateLogger("ftp"),
        };
    }
}
