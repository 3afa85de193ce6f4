namespace Inet.IntegrationTests.Infrastructure;

/// <summary>
/// A fact that needs the test smtp-sink SMTP/LMTP sink. Without it the test is skipped with
/// the reason, except under CI=true, where it runs and fails (a missing server must never look green).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresSmtpSinkServerFactAttribute : FactAttribute
{
    private string? explicitSkip;

    /// <inheritdoc/>
    public override string? Skip
    {
        get => explicitSkip ?? (TestEnvironment.IsCi ? null : SmtpSinkServerSettings.MissingReason());
        set => explicitSkip = value;
    }
}
