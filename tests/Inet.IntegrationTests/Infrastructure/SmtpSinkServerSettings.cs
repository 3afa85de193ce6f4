namespace Inet.IntegrationTests.Infrastructure;

/// <summary>
/// The plain SMTP and LMTP sinks: Postfix's smtp-sink started by test.sh (scripts/servers/smtpsink.sh).
/// It accepts every message and saves each as one file (envelope as X-Mail-Args / X-Rcpt-Args lines
/// first). It offers PIPELINING, 8BITMIME, DSN and ENHANCEDSTATUSCODES; no SIZE, STARTTLS, SMTPUTF8
/// or CHUNKING. Trap: it advertises AUTH PLAIN LOGIN but answers every AUTH with 250, not 235, so
/// it is no server for AUTH tests (use <see cref="AiosmtpdServerSettings"/>).
/// </summary>
/// <param name="Host">INET_TEST_SMTPSINK_HOST, e.g. 127.0.0.1.</param>
/// <param name="Port">INET_TEST_SMTPSINK_PORT (SMTP).</param>
/// <param name="LmtpPort">INET_TEST_SMTPSINK_LMTP_PORT (LMTP, same behaviour).</param>
/// <param name="MailDir">INET_TEST_SMTPSINK_MAILDIR: where the SMTP sink saves messages, one file each.</param>
public sealed record SmtpSinkServerSettings(string Host, int Port, int LmtpPort, string MailDir)
{
    private static readonly string[] Variables =
    [
        "INET_TEST_SMTPSINK_HOST", "INET_TEST_SMTPSINK_PORT", "INET_TEST_SMTPSINK_LMTP_PORT", "INET_TEST_SMTPSINK_MAILDIR",
    ];

    /// <summary>INET_TEST_SMTPSINK_LMTP_MAILDIR: where the LMTP sink saves messages (null when not set).</summary>
    public string? LmtpMailDir { get; init; }

    /// <summary>Settings from the environment, or null when any of the variables is not set.</summary>
    public static SmtpSinkServerSettings? FromEnvironment()
    {
        if (MissingReason() is not null)
        {
            return null;
        }

        return new SmtpSinkServerSettings(
            TestEnvironment.Get("INET_TEST_SMTPSINK_HOST")!,
            TestEnvironment.GetPort("INET_TEST_SMTPSINK_PORT")!.Value,
            TestEnvironment.GetPort("INET_TEST_SMTPSINK_LMTP_PORT")!.Value,
            TestEnvironment.Get("INET_TEST_SMTPSINK_MAILDIR")!)
        {
            LmtpMailDir = TestEnvironment.Get("INET_TEST_SMTPSINK_LMTP_MAILDIR"),
        };
    }

    /// <summary>The settings, or an exception saying what is missing (a test that runs under CI without the server fails here).</summary>
    public static SmtpSinkServerSettings Require() =>
        FromEnvironment() ?? throw new InvalidOperationException(MissingReason());

    /// <summary>Why tests needing the server cannot run here, or null when they can.</summary>
    internal static string? MissingReason()
    {
        var missing = Variables.Where(v => TestEnvironment.Get(v) is null).ToList();
        return missing.Count == 0
            ? null
            : "No smtp-sink test server: " + string.Join(", ", missing) + " not set. Run ./test.sh as root "
                + "(it installs postfix and starts smtp-sink), or export the INET_TEST_SMTPSINK_* variables.";
    }
}
