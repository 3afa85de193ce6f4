using System.CommandLine;
using Inet.Core;
using Inet.Nntp;
using Microsoft.Extensions.Logging;

namespace Inet.Cli.Nntp;

/// <summary>The connection options every NNTP-speaking command shares: password, TLS, compression, transcript.</summary>
internal sealed class NntpConnectionOptions
{
    private readonly ConnectionOptions _common = new();

    public Option<bool> StartTls { get; } = new("--starttls") { Description = "upgrade with STARTTLS (required)" };

    public Option<bool> Compress { get; } = new("--compress") { Description = "use COMPRESS DEFLATE when offered" };

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { _common.PasswordFile, StartTls, _common.CaFile, _common.Insecure, Compress, _common.Verbose })
            command.Options.Add(o);
    }

    /// <summary>
    /// Client options for <paramref name="address"/>: password from the URL, --password-file, INET_PASSWORD or ~/.netrc;
    /// eager login when both user and password are known. <paramref name="logging"/> (for --verbose, writing the
    /// transcript to the invocation's stderr) is the caller's to dispose.
    /// </summary>
    public NntpClientOptions Build(ParseResult parse, ServerAddress address, out ILoggerFactory? logging)
    {
        var (user, password) = _common.Credentials(parse, address);
        var connection = _common.WithTrust(parse, new ConnectionSettings { Host = address.Host, Port = address.Port, UseImplicitTls = address.ImplicitTls });
        logging = _common.Logging(parse);
        return new NntpClientOptions
        {
            Connection = connection,
            UserName = user,
            Password = password,
            RequireStartTls = parse.GetValue(StartTls),
            UseCompression = parse.GetValue(Compress),
            AuthenticateEagerly = user is not null && password is not null,
            Logger = logging?.CreateLogger("nntp"),
        };
    }
}
