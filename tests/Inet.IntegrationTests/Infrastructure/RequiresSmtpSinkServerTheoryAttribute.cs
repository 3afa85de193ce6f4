namespace Inet.IntegrationTests.Infrastructure;

/// <summary>The theory form of <see cref="RequiresSmtpSinkServerFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresSmtpSinkServerTheoryAttribute : TheoryAttribute
{
    private string? explicitSkip;

    /// <inheritdoc/>
    public override string? Skip
    {
        get => explicitSkip ?? (TestEnvironment.IsCi ? null : SmtpSinkServerSettings.MissingReason());
        set => explicitSkip = value;
    }
}
