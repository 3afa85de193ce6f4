namespace Inet.IntegrationTests.Infrastructure;

/// <summary>Where the test FTP server (vsftpd started by test.sh) listens and how to log in.</summary>
/// <param name="Host">INET_TEST_FTP_HOST, e.g. 127.0.0.1.</param>
/// <param name="Port">INET_TEST_FTP_PORT: plain FTP.</param>
/// <param name="User">INET_TEST_FTP_USER, a local user with a writable home.</param>
/// <param name="Password">INET_TEST_FTP_PASS.</param>
/// <param name="Home">INET_TEST_FTP_HOME: the user's home on this machine (the login folder).</param>
public sealed record FtpServerSettings(string Host, int Port, string User, string Password, string Home)
{
    private static readonly string[] Variables =
        ["INET_TEST_FTP_HOST", "INET_TEST_FTP_PORT", "INET_TEST_FTP_USER", "INET_TEST_FTP_PASS", "INET_TEST_FTP_HOME"];

    /// <summary>Settings from the environment, or null when any of the variables is not set.</summary>
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
            TestEnvironment.Get("INET_TEST_FTP_HOME")!);
    }

    /// <summary>The settings, or an exception saying what is missing (a test that runs under CI without a server fails here).</summary>
    public static FtpServerSettings Require() =>
        FromEnvironment() ?? throw new InvalidOperationException(MissingReason());

    /// <summary>Why tests needing the server cannot run here, or null when they can.</summary>
    internal static string? MissingReason()
    {
        var missing = Variables.Where(v => TestEnvironment.Get(v) is null).ToList();
        return missing.Count == 0
            ? null
            : "No FTP test server: " + string.Join(", ", missing) + " not set. Run ./test.sh as root "
                + "(it installs and starts vsftpd), or export the INET_TEST_FTP_* variables.";
    }
}
