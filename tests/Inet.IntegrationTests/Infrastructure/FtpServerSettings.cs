using System.Security.Cryptography.X509Certificates;
using Inet.Core;

namespace Inet.IntegrationTests.Infrastructure;

/// <summary>Which vsftpd instance (scripts/servers/vsftpd.sh) a test needs.</summary>
public enum FtpTestEndpoint
{
    /// <summary>INET_TEST_FTP_PORT in plain text only.</summary>
    Plain,

    /// <summary>INET_TEST_FTP_PORT with AUTH TLS (explicit FTPS): also needs INET_TEST_FTP_CA.</summary>
    ExplicitTls,

    /// <summary>INET_TEST_FTP_IMPLICIT_PORT (implicit FTPS): also needs INET_TEST_FTP_CA.</summary>
    ImplicitTls,

    /// <summary>INET_TEST_FTP_IPV6_HOST and _PORT (::1; plain FTP and AUTH TLS).</summary>
    Ipv6,
}

/// <summary>
/// Where the test FTP server (vsftpd started by test.sh) listens and how to log in. One vsftpd
/// binary runs as three instances with the same users (ftpuser and anonymous) and certificate:
/// plain + explicit FTPS on <see cref="Port"/> (TLS optional, require_ssl_reuse=YES), implicit
/// FTPS on <see cref="ImplicitPort"/>, and plain + explicit FTPS on ::1 (<see cref="Ipv6Port"/>).
/// </summary>
/// <param name="Host">INET_TEST_FTP_HOST, e.g. 127.0.0.1.</param>
/// <param name="Port">INET_TEST_FTP_PORT: plain FTP and explicit FTPS (AUTH TLS) on one port.</param>
/// <param name="User">INET_TEST_FTP_USER, a local user with a writable home.</param>
/// <param name="Password">INET_TEST_FTP_PASS.</param>
/// <param name="Home">INET_TEST_FTP_HOME: the user's home on this machine (the login folder).</param>
public sealed record FtpServerSettings(string Host, int Port, string User, string Password, string Home)
{
    private static readonly string[] Variables =
        ["INET_TEST_FTP_HOST", "INET_TEST_FTP_PORT", "INET_TEST_FTP_USER", "INET_TEST_FTP_PASS", "INET_TEST_FTP_HOME"];

    /// <summary>INET_TEST_FTP_CA: the PEM certificate every instance presents; trust it as the root. Null when not set.</summary>
    public string? CaFile { get; init; }

    /// <summary>INET_TEST_FTP_IMPLICIT_PORT: implicit FTPS on <see cref="Host"/>, or null.</summary>
    public int? ImplicitPort { get; init; }

    /// <summary>INET_TEST_FTP_IPV6_HOST (::1), or null when the IPv6 instance is not running.</summary>
    public string? Ipv6Host { get; init; }

    /// <summary>INET_TEST_FTP_IPV6_PORT, or null when the IPv6 instance is not running.</summary>
    public int? Ipv6Port { get; init; }

    /// <summary>The file anonymous users find in their root (every instance), "hello anonymous\n".</summary>
    public const string AnonymousFile = "anon.txt";

    /// <summary>Settings from the environment, or null when any of the base variables is not set.</summary>
    public static FtpServerSettings? FromEnvironment()
    {
        if (MissingReason() is not null)
        {
            return null;
        }

        return new FtpServerSettings(
            TestEnvironment.Get("INET_TEST_FTP_HOST")!,
            TestEnvironment.GetPort("INET_TEST_FTP_PORT")!.Value,
            TestEnvironment.Get("INET_TEST_FTP_USER")!,
            TestEnvironment.Get("INET_TEST_FTP_PASS")!,
            TestEnvironment.Get("INET_TEST_FTP_HOME")!)
        {
            CaFile = TestEnvironment.Get("INET_TEST_FTP_CA"),
            ImplicitPort = TestEnvironment.GetPort("INET_TEST_FTP_IMPLICIT_PORT"),
            Ipv6Host = TestEnvironment.Get("INET_TEST_FTP_IPV6_HOST"),
            Ipv6Port = TestEnvironment.GetPort("INET_TEST_FTP_IPV6_PORT"),
        };
    }

    /// <summary>The settings, or an exception saying what is missing (a test that runs under CI without a server fails here).</summary>
    public static FtpServerSettings Require(FtpTestEndpoint endpoint = FtpTestEndpoint.Plain) =>
        MissingReason(endpoint) is { } reason ? throw new InvalidOperationException(reason) : FromEnvironment()!;

    /// <summary>The CA certificate from <see cref="CaFile"/>, for <see cref="ConnectionSettings.TrustedRootCertificates"/>.</summary>
    public X509Certificate2Collection LoadCaCertificates() =>
        TestCertificates.LoadPem(CaFile ?? throw new InvalidOperationException("INET_TEST_FTP_CA is not set."));

    /// <summary>
    /// Connection settings for <paramref name="endpoint"/>: host and port, implicit TLS for
    /// <see cref="FtpTestEndpoint.ImplicitTls"/>, and the CA trusted whenever it is known.
    /// </summary>
    public ConnectionSettings Connection(FtpTestEndpoint endpoint = FtpTestEndpoint.Plain) => new()
    {
        Host = endpoint == FtpTestEndpoint.Ipv6 ? Ipv6Host ?? throw Missing(endpoint) : Host,
        Port = endpoint switch
        {
            FtpTestEndpoint.ImplicitTls => ImplicitPort ?? throw Missing(endpoint),
            FtpTestEndpoint.Ipv6 => Ipv6Port ?? throw Missing(endpoint),
            _ => Port,
        },
        UseImplicitTls = endpoint == FtpTestEndpoint.ImplicitTls,
        TrustedRootCertificates = CaFile is null ? null : LoadCaCertificates(),
        ReadTimeout = TimeSpan.FromSeconds(20),
    };

    private static InvalidOperationException Missing(FtpTestEndpoint endpoint) =>
        new(MissingReason(endpoint) ?? $"No {endpoint} endpoint.");

    /// <summary>Why tests needing <paramref name="endpoint"/> cannot run here, or null when they can.</summary>
    internal static string? MissingReason(FtpTestEndpoint endpoint = FtpTestEndpoint.Plain)
    {
        var needed = endpoint switch
        {
            FtpTestEndpoint.ExplicitTls => Variables.Append("INET_TEST_FTP_CA"),
            FtpTestEndpoint.ImplicitTls => Variables.Append("INET_TEST_FTP_CA").Append("INET_TEST_FTP_IMPLICIT_PORT"),
            FtpTestEndpoint.Ipv6 => Variables.Append("INET_TEST_FTP_IPV6_HOST").Append("INET_TEST_FTP_IPV6_PORT"),
            _ => Variables,
        };
        var missing = needed.Where(v => TestEnvironment.Get(v) is null).ToList();
        return missing.Count == 0
            ? null
            : $"No FTP test server ({endpoint}): " + string.Join(", ", missing) + " not set. Run ./test.sh as root "
                + "(it installs and starts vsftpd), or export the INET_TEST_FTP_* variables"
                + (endpoint == FtpTestEndpoint.Ipv6 ? " (the IPv6 instance runs only when lo has ::1)." : ".");
    }
}
