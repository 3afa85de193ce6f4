namespace Inet.IntegrationTests.Infrastructure;

/// <summary>
/// A fact that needs the test Dovecot IMAP/POP3/LMTP server. Without it the test is skipped with
/// the reason, except under CI=true, where it runs and fails (a missing server must never look green).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresDovecotServerFactAttribute : FactAttribute
{
    private string? explicitSkip;

    /// <inheritdoc/>
    public override string? Skip
    {
        get => explicitSkip ?? (TestEnvironment.IsCi ? null : DovecotServerSettings.MissingReason());
        set => explicitSkip = value;
    }
}
