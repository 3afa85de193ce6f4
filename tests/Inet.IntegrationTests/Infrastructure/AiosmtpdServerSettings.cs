using System.Security.Cryptography.X509Certificates;
using Inet.Core;

namespace Inet.IntegrationTests.Infrastructure;

/// <summary>
/// The scriptable SMTP test server: aiosmtpd 1.4.3 started by test.sh (scripts/servers/aiosmtpd.sh,
/// server in aiosmtpd_server.py). <see cref="Port"/> is plain SMTP offering STARTTLS, with AUTH
/// PLAIN/LOGIN offered only after STARTTLS; <see cref="TlsPort"/> is implicit TLS with AUTH. Both
/// offer SIZE 10485760, 8BITMIME and SMTPUTF8 (no PIPELINING, DSN or CHUNKING; MAIL parameters
/// other than SIZE, BODY, SMTPUTF8 and any RCPT parameter get 555). AUTH is offered, not required.
/// Each accepted message is saved to <see cref="OutDir"/> as one .eml file: X-Mail-From, X-Rcpt-To
/// (one per recipient), X-Helo, X-Auth, X-Tls (none, starttls, implicit) and X-Smtputf8 lines, then
/// the message as received. Scripted refusals: see <see cref="RejectPrefix"/>, <see cref="DeferPrefix"/>
/// and <see cref="BounceDataSender"/>.
/// </summary>
/// <param name="Host">INET_TEST_AIOSMTPD_HOST, e.g. 127.0.0.1.</param>
/// <param name="Port">INET_TEST_AIOSMTPD_PORT (STARTTLS).</param>
/// <param name="TlsPort">INET_TEST_AIOSMTPD_TLS_PORT (implicit TLS).</param>
/// <param name="User">INET_TEST_AIOSMTPD_USER.</param>
/// <param name="Password">INET_TEST_AIOSMTPD_PASS.</param>
/// <param name="OutDir">INET_TEST_AIOSMTPD_OUTDIR: where messages are saved (files *.eml; tmp/ holds partial ones).</param>
/// <param name="CaFile">INET_TEST_AIOSMTPD_CA: the PEM certificate the server presents; trust it as the root.</param>
public sealed record AiosmtpdServerSettings(string Host, int Port, int TlsPort, string User, string Password, string OutDir, string CaFile)
{
    private static readonly string[] Variables =
    [
        "INET_TEST_AIOSMTPD_HOST", "INET_TEST_AIOSMTPD_PORT", "INET_TEST_AIOSMTPD_TLS_PORT", "INET_TEST_AIOSMTPD_USER",
        "INET_TEST_AIOSMTPD_PASS", "INET_TEST_AIOSMTPD_OUTDIR", "INET_TEST_AIOSMTPD_CA",
    ];

    /// <summary>The SIZE limit the server advertises and enforces (552 above it).</summary>
    public const long SizeLimit = 10 * 1024 * 1024;

    /// <summary>A recipient whose local part starts with this gets "550 5.1.1" at RCPT.</summary>
    public const string RejectPrefix = "reject";

    /// <summary>A recipient whose local part starts with this gets "452 4.2.2" at RCPT.</summary>
    public const string DeferPrefix = "defer";

    /// <summary>A sender with this local part gets "554 5.6.0" at the end of DATA (nothing saved).</summary>
    public const string BounceDataSender = "bounce-data";

    /// <summary>Settings from the environment, or null when any of the variables is not set.</summary>
    public static AiosmtpdServerSettings? FromEnvironment()
    {
        if (MissingReason() is not null)
        {
            return null;
        }

        return new AiosmtpdServerSettings(
            TestEnvironment.Get("INET_TEST_AIOSMTPD_HOST")!,
            TestEnvironment.GetPort("INET_TEST_AIOSMTPD_PORT")!.Value,
            TestEnvironment.GetPort("INET_TEST_AIOSMTPD_TLS_PORT")!.Value,
            TestEnvironment.Get("INET_TEST_AIOSMTPD_USER")!,
            TestEnvironment.Get("INET_TEST_AIOSMTPD_PASS")!,
            TestEnvironment.Get("INET_TEST_AIOSMTPD_OUTDIR")!,
            TestEnvironment.Get("INET_TEST_AIOSMTPD_CA")!);
    }

    /// <summary>The settings, or an exception saying what is missing (a test that runs under CI without the server fails here).</summary>
    public static AiosmtpdServerSettings Require() =>
        FromEnvironment() ?? throw new InvalidOperationException(MissingReason());

    /// <summary>The CA certificate from <see cref="CaFile"/>, for <see cref="ConnectionSettings.TrustedRootCertificates"/>.</summary>
    public X509Certificate2Collection LoadCaCertificates() => TestCertificates.LoadPem(CaFile);

    /// <summary>Connection settings for the STARTTLS port (the session starts in plain text).</summary>
    public ConnectionSettings Connection() => new()
    {
        Host = Host,
        Port = Port,
        TrustedRootCertificates = LoadCaCertificates(),
        ReadTimeout = TimeSpan.FromSeconds(20),
    };

    /// <summary>Connection settings for the implicit-TLS port.</summary>
    public ConnectionSettings ImplicitTlsConnection() => Connection() with { Port = TlsPort, UseImplicitTls = true };

    /// <summary>Why tests needing the server cannot run here, or null when they can.</summary>
    internal static string? MissingReason()
    {
        var missing = Variables.Where(v => TestEnvironment.Get(v) is null).ToList();
        return missing.Count == 0
            ? null
            : "No aiosmtpd test server: " + string.Join(", ", missing) + " not set. Run ./test.sh as root "
                + "(it installs python3-aiosmtpd and starts it), or export the INET_TEST_AIOSMTPD_* variables.";
    }
}
