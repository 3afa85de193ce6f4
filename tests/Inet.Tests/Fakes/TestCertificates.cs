using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Inet.Tests.Fakes;

/// <summary>Self-signed certificates made on the fly for TLS tests.</summary>
public static class TestCertificates
{
    private static readonly Lazy<X509Certificate2> LocalhostCertificate = new(() => Create("localhost"));

    /// <summary>A certificate for localhost, 127.0.0.1 and ::1.</summary>
    public static X509Certificate2 Localhost => LocalhostCertificate.Value;

    public static X509Certificate2 Create(string dnsName)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(dnsName);
        if (dnsName == "localhost")
        {
            san.AddIpAddress(IPAddress.Loopback);
            san.AddIpAddress(IPAddress.IPv6Loopback);
        }
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        // Re-import so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
