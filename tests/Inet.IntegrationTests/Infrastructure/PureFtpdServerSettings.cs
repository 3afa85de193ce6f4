using System.Security.Cryptography.X509Certificates;
using Inet.Core;

namespace Inet.IntegrationTests.Infrastructure;

/// <summary>
/// The TLS-only test FTP server: pure-ftpd 1.0.50 started by test.sh (scripts/servers/pureftpd.sh)
/// with <c>-Y 3</c>. A USER before AUTH TLS gets 421 and the server closes the connection; data
/// connections must be protected (PROT P; PROT C transfers get 521). Explicit TLS only (pure-ftpd
/// has no implicit mode); no anonymous login. The virtual user is chrooted: PWD is "/".
/// </summary>
/// <param name="Host">INET_TEST_PUREFTPD_HOST, e.g. 127.0.0.1.</param>
/// <param name="Port">INET_TEST_PUREFTPD_PORT (AUTH TLS).</param>
/// <param name="User">INET_TEST_PUREFTPD_USER, a virtual (pure-pw) user.</param>
/// <param name="Password">INET_TEST_PUREFTPD_PASS.</param>
/// <param name="Home">INET_TEST_PUREFTPD_HOME: the user's root on this machine (owned by ftpuser, writable).</param>
/// <param name="CaFile">INET_TEST_PUREFTPD_CA: the PEM certificate the server presents; trust it as the root.</param>
public sealed record PureFtpdServerSettings(string Host, int Port, string User, string Password, string Home, string CaFile)
{
    private static readonly string[] Variables =
    [
        "INET_TEST_PUREFTPD_HOST", "INET_TEST_PUREFTPD_PORT", "INET_TEST_PUREFTPD_USER",
        "INET_TEST_PUREFTPD_PASS", "INET_TEST_PUREFTPD_HOME", "INET_TEST_PUREFTPD_CA",
    ];

    /// <summary>A file in the user's root, "hello pure-ftpd\n".</summary>
    public const string UserFile = "pure.txt";

    /// <summary>Settings from the environment, or null when any of the variables is not set.</summary>
    public static PureFtpdServerSettings? FromEnvironment()
    {
        if (MissingReason() is not null)
        {
            return null;
        }

        return new PureFtpdServerSettings(
            TestEnvironment.Get("INET_TEST_PUREFTPD_HOST")!,
            TestEnvironment.GetPort("INET_TEST_PUREFTPD_PORT")!.Value,
            TestEnvironment.Get("INET_TEST_PUREFTPD_USER")!,
            TestEnvironment.Get("INET_TEST_PUREFTPD_PASS")!,
            TestEnvironment.Get("INET_TEST_PUREFTPD_HOME")!,
            TestEnvironment.Get("INET_TEST_PUREFTPD_CA")!);
    }

    /// <summary>The settings, or an exception saying what is missing (a test that runs under CI without the server fails here).</summary>
    public static PureFtpdServerSettings Require() =>
        FromEnvironment() ?? throw new InvalidOperationException(MissingReason());

    /// <summary>The CA certificate from <see cref="CaFile"/>, for <see cref="ConnectionSettings.TrustedRootCertificates"/>.</summary>
    public X509Certificate2Collection LoadCaCertificates() => TestCertificates.LoadPem(CaFile);

    /// <summary>Connection settings: host, port and the CA trusted (no implicit TLS: the session starts in plain text).</summary>
    public ConnectionSettings Connection() => new()
    {
        Host = Host,
        Port = Port,
        TrustedRootCertificates = LoadCaCertificates(),
        ReadTimeout = TimeSpan.FromSeconds(20),
    };

    /// <summary>Why tests needing the server cannot run here, or null when they can.</summary>
    internal static string? MissingReason()
    {
        var missing = Variables.Where(v => TestEnvironment.Get(v) is null).ToList();
        return missing.Count == 0
            ? null
            : "No pure-ftpd test server: " + string.Join(", ", missing) + " not set. Run ./test.sh as root "
                + "(it fetches and starts pure-ftpd), or export the INET_TEST_PUREFTPD_* variables.";
    }
}
