namespace Inet.IntegrationTests.Infrastructure;

/// <summary>
/// A fact that needs the test FTP server (vsftpd), by default its plain endpoint; set
/// <see cref="Endpoint"/> for another instance. Without it the test is skipped with the reason,
/// except under CI=true, where it runs and fails (a missing server must never look green).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresFtpServerFactAttribute : FactAttribute
{
    private string? explicitSkip;

    /// <summary>The vsftpd instance the test talks to (default <see cref="FtpTestEndpoint.Plain"/>).</summary>
    public FtpTestEndpoint Endpoint { get; set; }

    /// <inheritdoc/>
    public override string? Skip
    {
        get => explicitSkip ?? (TestEnvironment.IsCi ? null : FtpServerSettings.MissingReason(Endpoint));
        set => explicitSkip = value;
    }
}
