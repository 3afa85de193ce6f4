using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Inet.IntegrationTests.Infrastructure;

/// <summary>
/// The test NNTP server described by the INET_TEST_NNTP_* variables. Constructing it never
/// throws; <see cref="Settings"/> throws when the server is absent (which only a CI run reaches,
/// because the Requires* attributes skip such tests elsewhere).
/// </summary>
public sealed class NntpServerFixture : IDisposable
{
    private readonly NntpServerSettings? settings = NntpServerSettings.FromEnvironment();
    private readonly Lazy<X509Certificate2?> caCertificate;

    /// <summary>Reads the environment.</summary>
    public NntpServerFixture()
    {
        caCertificate = new Lazy<X509Certificate2?>(LoadCa);
    }

    /// <summary>The server settings; throws a clear error when no server was configured.</summary>
    public NntpServerSettings Settings => settings ?? throw new InvalidOperationException(
        (TestEnvironment.IsCi ? "CI=true, so this fails instead of skipping. " : string.Empty)
        + NntpServerSettings.MissingReason(needsTlsPort: false));

    /// <summary>The implicit-TLS port; throws when INET_TEST_NNTP_TLS_PORT is not set.</summary>
    public int TlsPort => Settings.TlsPort ?? throw new InvalidOperationException(
        NntpServerSettings.MissingReason(needsTlsPort: true));

    /// <summary>The certificate from INET_TEST_CA_FILE, or null when none is set.</summary>
    public X509Certificate2? CaCertificate => caCertificate.Value;

    /// <summary>
    /// TLS options that trust only INET_TEST_CA_FILE (not the system store) and check the
    /// server name against <paramref name="targetHost"/> (default: the configured host).
    /// </summary>
    public SslClientAuthenticationOptions CreateTlsOptions(string? targetHost = null)
    {
        var ca = CaCertificate ?? throw new InvalidOperationException("INET_TEST_CA_FILE is not set.");
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.Add(ca);
        return new SslClientAuthenticationOptions
        {
            TargetHost = targetHost ?? Settings.Host,
            CertificateChainPolicy = policy,
        };
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (caCertificate.IsValueCreated)
        {
            caCertificate.Value?.Dispose();
        }
    }

    private X509Certificate2? LoadCa()
    {
        var path = settings?.CaFile;
        return path is null ? null : X509CertificateLoader.LoadCertificateFromFile(path);
    }
}
