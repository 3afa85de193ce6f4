namespace Inet.IntegrationTests.Infrastructure;

/// <summary>
/// A fact that needs the test NNTP server. Without one it is skipped with the reason,
/// except under CI=true, where it runs and fails (a missing server must never look green).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresNntpServerFactAttribute : FactAttribute
{
    private string? explicitSkip;

    /// <summary>Also require INET_TEST_NNTP_TLS_PORT (implicit TLS).</summary>
    public bool NeedsTlsPort { get; set; }

    /// <inheritdoc/>
    public override string? Skip
    {
        get => explicitSkip ?? (TestEnvironment.IsCi ? null : NntpServerSettings.MissingReason(NeedsTlsPort));
        set => explicitSkip = value;
    }
}
