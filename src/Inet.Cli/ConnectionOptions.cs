using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Inet.Core;
using Microsoft.Extensions.Logging;

namespace Inet.Cli;

/// <summary>
/// The options every server-speaking command shares, whatever the protocol: where the password comes
/// from, which certificates to trust, and the --verbose transcript.
/// </summary>
internal sealed class ConnectionOptions
{
    /// <summary>The environment variable a password may come from.</summary>
    public const string PasswordVariable = "INET_PASSWORD";

    public Option<string?> PasswordFile { get; } = new("--password-file") { Description = "read the password from the first line of FILE" };

    public Option<string?> CaFile { get; } = new("--ca-file") { Description = "trust this PEM certificate as a root" };

    public Option<bool> Insecure { get; } = new("--insecure") { Description = "do not validate the server certificate (dangerous)" };

    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "print the protocol transcript (passwords redacted) on stderr" };

    /// <summary>The server address in <paramref name="url"/>; a URL that is not one of <paramref name="schemes"/> is a usage error.</summary>
    public static ServerAddress ParseAddress(string url, IReadOnlyDictionary<string, (int Port, bool Tls)> schemes)
    {
        try
        {
            return ServerAddress.Parse(url, schemes);
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>User and password: from the URL, --password-file, INET_PASSWORD or ~/.netrc, in that order.</summary>
    public (string? User, string? Password) Credentials(ParseResult parse, ServerAddress address)
    {
        var file = parse.GetValue(PasswordFile);
        if (file is not null && !File.Exists(file))
            throw new UsageException("no such password file: " + file);
        return CredentialResolver.Resolve(address, file, PasswordVariable);
    }

    /// <summary><paramref name="settings"/> with the certificate trust asked for: --ca-file as an extra root, --insecure.</summary>
    public ConnectionSettings WithTrust(ParseResult parse, ConnectionSettings settings)
    {
        var ca = parse.GetValue(CaFile);
        if (ca is not null && !File.Exists(ca))
            throw new UsageException("no such certificate file: " + ca);
        return settings with
        {
            TrustedRootCertificates = ca is null ? null : new X509Certificate2Collection(X509CertificateLoader.LoadCertificateFromFile(ca)),
            DangerousAcceptAnyServerCertificate = parse.GetValue(Insecure),
        };
    }

    /// <summary>With --verbose, a logger factory writing the transcript to the invocation's stderr; the caller disposes it.</summary>
    public ILoggerFactory? Logging(ParseResult parse) =>
        parse.GetValue(Verbose) ? TranscriptLogger.CreateFactory(parse.InvocationConfiguration.Error) : null;
}
