using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Inet.IntegrationTests.Infrastructure;

/// <summary>Loads the test servers' certificate (common.sh ensure_tls_cert: CN and SAN localhost, 127.0.0.1, ::1).</summary>
public static class TestCertificates
{
    /// <summary>Every certificate in the PEM file at <paramref name="path"/>; throws when there is none.</summary>
    public static X509Certificate2Collection LoadPem(string path)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPemFile(path);
        return certificates.Count > 0 ? certificates : throw new InvalidOperationException($"No certificate in {path}.");
    }

    /// <summary>
    /// TLS options for a raw client (<see cref="RawLineClient.UpgradeToTlsAsync"/>) that trust only the
    /// certificates in <paramref name="caFile"/> (not the system store) and check the name against <paramref name="targetHost"/>.
    /// </summary>
    public static SslClientAuthenticationOptions TlsOptions(string caFile, string targetHost)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(LoadPem(caFile));
        return new SslClientAuthenticationOptions { TargetHost = targetHost, CertificateChainPolicy = policy };
    }
}
