using Inet.Ftp;

namespace Inet.IntegrationTests.Infrastructure;

/// <summary>One real FTP server endpoint a test runs against, with how to log in and where its files are on disk.</summary>
/// <param name="Name">Shown in the test name: "vsftpd-plain", "pure-ftpd-tls", ...</param>
/// <param name="Options">Client options that log in as the test user.</param>
/// <param name="Home">The login folder on this machine.</param>
public sealed record FtpTarget(string Name, FtpClientOptions Options, string Home)
{
    public override string ToString() => Name;
}

/// <summary>
/// Every FTP endpoint test.sh starts (docs/testing.md), for theories that must hold on all of them:
/// vsftpd plain, explicit FTPS by IP and by name (TLS session reuse required), implicit FTPS, ::1,
/// active mode; pure-ftpd with TLS required for login and data (MLSD where vsftpd has only LIST).
/// </summary>
public static class FtpTargets
{
    public static readonly string[] Names =
        ["vsftpd-plain", "vsftpd-active", "vsftpd-explicit-ip", "vsftpd-explicit-name", "vsftpd-implicit", "vsftpd-ipv6", "pure-ftpd-tls", "pure-ftpd-tls-active"];

    /// <summary>Theory data: every endpoint name (the ::1 one only where its instance runs).</summary>
    public static IEnumerable<object[]> All() =>
        Names.Where(n => n != "vsftpd-ipv6" || TestEnvironment.Get("INET_TEST_FTP_IPV6_PORT") is not null)
            .Select(n => new object[] { n });

    /// <summary>Why the theories cannot run here (a server missing), or null.</summary>
    public static string? MissingReason() =>
        FtpServerSettings.MissingReason(FtpTestEndpoint.ImplicitTls) ?? PureFtpdServerSettings.MissingReason();

    public static FtpTarget Get(string name)
    {
        if (name.StartsWith("pure-ftpd", StringComparison.Ordinal))
        {
            var p = PureFtpdServerSettings.Require();
            var options = new FtpClientOptions { Connection = p.Connection(), UserName = p.User, Password = p.Password, Security = FtpSecurity.ExplicitTls };
            if (name.EndsWith("-active", StringComparison.Ordinal))
                options = options with { DataConnectionMode = FtpDataConnectionMode.AutoActive };
            return new FtpTarget(name, options, p.Home);
        }
        var endpoint = name switch
        {
            "vsftpd-explicit-ip" or "vsftpd-explicit-name" => FtpTestEndpoint.ExplicitTls,
            "vsftpd-implicit" => FtpTestEndpoint.ImplicitTls,
            "vsftpd-ipv6" => FtpTestEndpoint.Ipv6,
            _ => FtpTestEndpoint.Plain,
        };
        var s = FtpServerSettings.Require(endpoint);
        var connection = s.Connection(endpoint);
        if (name == "vsftpd-explicit-name")
            connection = connection with { Host = "localhost" };
        var result = new FtpClientOptions
        {
            Connection = connection,
            UserName = s.User,
            Password = s.Password,
            Security = endpoint switch
            {
                FtpTestEndpoint.ExplicitTls => FtpSecurity.ExplicitTls,
                FtpTestEndpoint.ImplicitTls => FtpSecurity.ImplicitTls,
                _ => FtpSecurity.None,
            },
            DataConnectionMode = name == "vsftpd-active" ? FtpDataConnectionMode.AutoActive : FtpDataConnectionMode.AutoPassive,
        };
        return new FtpTarget(name, result, s.Home);
    }
}

/// <summary>A theory over <see cref="FtpTargets"/>: skipped with the reason when a server is missing, except under CI=true.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresFtpServersTheoryAttribute : TheoryAttribute
{
    private string? explicitSkip;

    /// <inheritdoc/>
    public override string? Skip
    {
        get => explicitSkip ?? (TestEnvironment.IsCi ? null : FtpTargets.MissingReason());
        set => explicitSkip = value;
    }
}
