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
}
