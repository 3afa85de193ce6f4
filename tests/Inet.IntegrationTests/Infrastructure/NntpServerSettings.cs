namespace Inet.IntegrationTests.Infrastructure;

/// <summary>Where the test NNTP server (INN started by test.sh) listens and how to log in.</summary>
/// <param name="Host">INET_TEST_NNTP_HOST, e.g. 127.0.0.1.</param>
/// <param name="Port">INET_TEST_NNTP_PORT: plain NNTP with STARTTLS (innd, transit mode until MODE READER).</param>
/// <param name="TlsPort">INET_TEST_NNTP_TLS_PORT: implicit TLS (nnrpd -S), or null when not running.</param>
/// <param name="User">INET_TEST_NNTP_USER, accepted by AUTHINFO USER/PASS.</param>
/// <param name="Password">INET_TEST_NNTP_PASS.</param>
/// <param name="CaFile">INET_TEST_CA_FILE: the PEM certificate clients must trust, or null.</param>
public sealed record NntpServerSettings(string Host, int Port, int? TlsPort, string? User, string? Password, string? CaFile)
{
    /// <summary>Group that allows reading and posting without authentication.</summary>
    public const string TestGroup = "inet.test";

    /// <summary>Group for binary (yEnc) posts.</summary>
    public const string BinariesGroup = "inet.test.binaries";

    /// <summary>Group that no test posts to, so it always reports zero articles.</summary>
    public const string EmptyGroup = "inet.test.empty";

    /// <summary>Group readable only after AUTHINFO as <see cref="User"/> (anonymous GROUP gives 480).</summary>
    public const string RestrictedGroup = "inet.test.restricted";

    /// <summary>Settings from the environment, or null when INET_TEST_NNTP_HOST is not set.</summary>
    public static NntpServerSettings? FromEnvironment()
    {
        var host = TestEnvironment.Get("INET_TEST_NNTP_HOST");
        if (host is null)
        {
            return null;
        }

        return new NntpServerSettings(
            host,
            TestEnvironment.GetPort("INET_TEST_NNTP_PORT") ?? 119,
            TestEnvironment.GetPort("INET_TEST_NNTP_TLS_PORT"),
            TestEnvironment.Get("INET_TEST_NNTP_USER"),
            TestEnvironment.Get("INET_TEST_NNTP_PASS"),
            TestEnvironment.Get("INET_TEST_CA_FILE"));
    }

    /// <summary>Why tests needing the server cannot run here, or null when they can.</summary>
    internal static string? MissingReason(bool needsTlsPort)
    {
        var settings = FromEnvironment();
        if (settings is null)
        {
            return "No NNTP test server: INET_TEST_NNTP_HOST is not set. Run ./test.sh as root "
                + "(it installs and starts INN), or export the INET_TEST_NNTP_* variables.";
        }

        return needsTlsPort && settings.TlsPort is null
            ? "The NNTP test server has no implicit-TLS port: INET_TEST_NNTP_TLS_PORT is not set."
            : null;
    }
}
