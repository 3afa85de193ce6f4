namespace Inet.IntegrationTests.Infrastructure;

/// <summary>The theory form of <see cref="RequiresAiosmtpdServerFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresAiosmtpdServerTheoryAttribute : TheoryAttribute
{
    private string? explicitSkip;

    /// <inheritdoc/>
    public override string? Skip
    {
        get => explicitSkip ?? (TestEnvironment.IsCi ? null : AiosmtpdServerSettings.MissingReason());
        set => explicitSkip = value;
    }
}
