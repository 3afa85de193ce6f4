namespace Inet.IntegrationTests.Infrastructure;

/// <summary>
/// A fact that needs the test FTP server. Without one it is skipped with the reason,
/// except under CI=true, where it runs and fails (a missing server must never look green).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresFtpServerFactAttribute : FactAttribute
{
    private string? explicitSkip;

    /// <inheritdoc/>
    public override string? Skip
    {
        get => explicitSkip ?? (TestEnvironment.IsCi ? null : FtpServerSettings.MissingReason());
        set => explicitSkip = value;
    }
}
