using System.Security.Cryptography.X509Certificates;
using Inet.Core;

namespace Inet.IntegrationTests.Infrastructure;

/// <summary>
/// The IMAP, POP3 and LMTP test server: Dovecot 2.3 started by test.sh (scripts/servers/dovecot.sh)
/// from one standalone config. IMAP and POP3 offer STARTTLS/STLS on their plain ports and implicit
/// TLS on the others; SASL PLAIN, LOGIN and CRAM-MD5; plain-text login is allowed without TLS.
/// LMTP needs no auth and delivers to <c>&lt;MaildirRoot&gt;/&lt;user&gt;/Maildir</c> (new/, moved to
/// cur/ once an IMAP or POP3 session has seen it); "user@any.domain" is user. Unknown users get 550 5.1.1.
/// The maildir files belong to the system user vmail (mode 0600): reading them needs root, as test.sh runs.
/// </summary>
/// <param name="Host">INET_TEST_DOVECOT_HOST, e.g. 127.0.0.1.</param>
/// <param name="ImapPort">INET_TEST_DOVECOT_IMAP_PORT (STARTTLS offered).</param>
/// <param name="ImapsPort">INET_TEST_DOVECOT_IMAPS_PORT (implicit TLS).</param>
/// <param name="Pop3Port">INET_TEST_DOVECOT_POP3_PORT (STLS offered).</param>
/// <param name="Pop3sPort">INET_TEST_DOVECOT_POP3S_PORT (implicit TLS).</param>
/// <param name="LmtpPort">INET_TEST_DOVECOT_LMTP_PORT.</param>
/// <param name="User">INET_TEST_DOVECOT_USER (testuser).</param>
/// <param name="Password">INET_TEST_DOVECOT_PASS.</param>
/// <param name="User2">INET_TEST_DOVECOT_USER2 (other), a second mailbox.</param>
/// <param name="Password2">INET_TEST_DOVECOT_PASS2.</param>
/// <param name="MaildirRoot">INET_TEST_DOVECOT_MAILDIR_ROOT: holds one folder per user.</param>
/// <param name="CaFile">INET_TEST_DOVECOT_CA: the PEM certificate the server presents; trust it as the root.</param>
public sealed record DovecotServerSettings(
    string Host, int ImapPort, int ImapsPort, int Pop3Port, int Pop3sPort, int LmtpPort,
    string User, string Password, string User2, string Password2, string MaildirRoot, string CaFile)
{
    private static readonly string[] Variables =
    [
        "INET_TEST_DOVECOT_HOST", "INET_TEST_DOVECOT_IMAP_PORT", "INET_TEST_DOVECOT_IMAPS_PORT",
        "INET_TEST_DOVECOT_POP3_PORT", "INET_TEST_DOVECOT_POP3S_PORT", "INET_TEST_DOVECOT_LMTP_PORT",
        "INET_TEST_DOVECOT_USER", "INET_TEST_DOVECOT_PASS", "INET_TEST_DOVECOT_USER2", "INET_TEST_DOVECOT_PASS2",
        "INET_TEST_DOVECOT_MAILDIR_ROOT", "INET_TEST_DOVECOT_CA",
    ];

    /// <summary>INET_TEST_DOVECOT_IPV6_HOST: "::1" when the same ports also listen there, else null.</summary>
    public string? Ipv6Host { get; init; }

    /// <summary>Settings from the environment, or null when any of the variables is not set.</summary>
    public static DovecotServerSettings? FromEnvironment()
    {
        if (MissingReason() is not null)
        {
            return null;
        }

        return new DovecotServerSettings(
            TestEnvironment.Get("INET_TEST_DOVECOT_HOST")!,
            TestEnvironment.GetPort("INET_TEST_DOVECOT_IMAP_PORT")!.Value,
            TestEnvironment.GetPort("INET_TEST_DOVECOT_IMAPS_PORT")!.Value,
            TestEnvironment.GetPort("INET_TEST_DOVECOT_POP3_PORT")!.Value,
            TestEnvironment.GetPort("INET_TEST_DOVECOT_POP3S_PORT")!.Value,
            TestEnvironment.GetPort("INET_TEST_DOVECOT_LMTP_PORT")!.Value,
            TestEnvironment.Get("INET_TEST_DOVECOT_USER")!,
            TestEnvironment.Get("INET_TEST_DOVECOT_PASS")!,
            TestEnvironment.Get("INET_TEST_DOVECOT_USER2")!,
            TestEnvironment.Get("INET_TEST_DOVECOT_PASS2")!,
            TestEnvironment.Get("INET_TEST_DOVECOT_MAILDIR_ROOT")!,
            TestEnvironment.Get("INET_TEST_DOVECOT_CA")!)
        {
            Ipv6Host = TestEnvironment.Get("INET_TEST_DOVECOT_IPV6_HOST"),
        };
    }

    /// <summary>The settings, or an exception saying what is missing (a test that runs under CI without the server fails here).</summary>
    public static DovecotServerSettings Require() =>
        FromEnvironment() ?? throw new InvalidOperationException(MissingReason());

    /// <summary>The maildir of <paramref name="user"/> (it exists once something was delivered or the user logged in).</summary>
    public string Maildir(string user) => Path.Combine(MaildirRoot, user, "Maildir");

    /// <summary>The CA certificate from <see cref="CaFile"/>, for <see cref="ConnectionSettings.TrustedRootCertificates"/>.</summary>
    public X509Certificate2Collection LoadCaCertificates() => TestCertificates.LoadPem(CaFile);

    /// <summary>Connection settings for <paramref name="port"/>; implicit TLS when <paramref name="implicitTls"/>.</summary>
    public ConnectionSettings Connection(int port, bool implicitTls = false) => new()
    {
        Host = Host,
        Port = port,
        UseImplicitTls = implicitTls,
        TrustedRootCertificates = LoadCaCertificates(),
        ReadTimeout = TimeSpan.FromSeconds(20),
    };

    /// <summary>Why tests needing the server cannot run here, or null when they can.</summary>
    internal static string? MissingReason()
    {
        var missing = Variables.Where(v => TestEnvironment.Get(v) is null).ToList();
        return missing.Count == 0
            ? null
            : "No Dovecot test server: " + string.Join(", ", missing) + " not set. Run ./test.sh as root "
                + "(it installs and starts Dovecot), or export the INET_TEST_DOVECOT_* variables.";
    }
}
