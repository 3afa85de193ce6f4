namespace Inet.IntegrationTests.Infrastructure;

/// <summary>
/// A fact that needs the test aiosmtpd SMTP server (STARTTLS, implicit TLS, AUTH). Without it the test is skipped with
/// the reason, except under CI=true, where it runs and fails (a missing server must never look green).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresAiosmtpdServerFactAttribute : FactAttribute
{
    private string? explicitSkip;

    /// <inheritdoc/>
    public override string? Skip
    {
        get => explicitSkip ?? (TestEnvironment.IsCi ? null : AiosmtpdServerSettings.MissingReason());
        set => explicitSkip = value;
    }
}
