using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Inet.Core;
using Inet.Nntp;
using Microsoft.Extensions.Logging;

namespace Inet.Cli.Nntp;

/// <summary>The connection options every NNTP-speaking command shares: password, TLS, compression, transcript.</summary>
internal sealed class NntpConnectionOptions
{
    public Option<string?> PasswordFile { get; } = new("--password-file") { Description = "read the password from the first line of FILE" };

    public Option<bool> StartTls { get; } = new("--starttls") { Description = "upgrade with STARTTLS (required)" };

    public Option<string?> CaFile { get; } = new("--ca-file") { Description = "trust this PEM certificate as a root" };

    public Option<bool> Insecure { get; } = new("--insecure") { Description = "do not validate the server certificate (dangerous)" };

    public Option<bool> Compress { get; } = new("--compress") { Description = "use COMPRESS DEFLATE when offered" };

    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "print the protocol transcript (passwords redacted) on stderr" };

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { PasswordFile, StartTls, CaFile, Insecure, Compress, Verbose })
            command.Options.Add(o);
    }

    /// <summary>
    /// Client options for <paramref name="address"/>: password from the URL, --password-file, INET_PASSWORD or ~/.netrc;
    /// eager login when both user and password are known. <paramref name="logging"/> (for --verbose, writing the
    /// transcript to the invocation's stderr) is the caller's to dispose.
    /// </summary>
    public NntpClientOptions Build(ParseResult parse, ServerAddress address, out ILoggerFactory? logging)
    {
        var (user, password) = CredentialResolver.Resolve(address, parse.GetValue(PasswordFile), "INET_PASSWORD");
        var roots = parse.GetValue(CaFile) is { } ca ? new X509Certificate2Collection(X509CertificateLoader.LoadCertificateFromFile(ca)) : null;
        logging = parse.GetValue(Verbose) ? TranscriptLogger.CreateFactory(parse.InvocationConfiguration.Error) : null;
        return new NntpClientOptions
        {
            Connection = new ConnectionSettings
            {
                Host = address.Host,
                Port = address.Port,
                UseImplicitTls = address.ImplicitTls,
                TrustedRootCertificates = roots,
                DangerousAcceptAnyServerCertificate = parse.GetValue(Insecure),
            },
            UserName = user,
            Password = password,
            RequireStartTls = parse.GetValue(StartTls),
            UseCompression = parse.GetValue(Compress),
            AuthenticateEagerly = user is not null && password is not null,
            Logger = logging?.CreateLogger("nntp"),
        };
    }
}
