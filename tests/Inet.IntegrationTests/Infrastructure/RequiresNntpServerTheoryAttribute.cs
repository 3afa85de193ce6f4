namespace Inet.IntegrationTests.Infrastructure;

/// <summary>The theory form of <see cref="RequiresNntpServerFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresNntpServerTheoryAttribute : TheoryAttribute
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
