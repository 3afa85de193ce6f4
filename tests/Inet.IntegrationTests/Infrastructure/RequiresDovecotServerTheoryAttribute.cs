namespace Inet.IntegrationTests.Infrastructure;

/// <summary>The theory form of <see cref="RequiresDovecotServerFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresDovecotServerTheoryAttribute : TheoryAttribute
{
    private string? explicitSkip;

    /// <inheritdoc/>
    public override string? Skip
    {
        get => explicitSkip ?? (TestEnvironment.IsCi ? null : DovecotServerSettings.MissingReason());
        set => explicitSkip = value;
    }
}
