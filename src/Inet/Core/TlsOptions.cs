using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Inet.Core;

/// <summary>
/// The client TLS options for one server, built the same way for every connection to it, so that a
/// second connection (an FTP data connection) resumes the first one's TLS session.
/// </summary>
/// <remarks>
/// .NET on Linux caches client sessions by the SNI name, which is <c>TargetHost</c>, and caches none
/// when it is an IP literal. With <see cref="ConnectionSettings.ResumeTlsSessionsByIpAddress"/> an
/// IP host gets a synthetic name under <c>.invalid</c> (RFC 6761) and the certificate is checked
/// against the IP in the validation callback instead (docs/ftps-session-reuse.md).
/// </remarks>
public static class TlsOptions
{
    /// <summary>Options for a connection to <paramref name="settings"/>' host.</summary>
    public static SslClientAuthenticationOptions For(ConnectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var host = settings.TlsTargetHost ?? settings.Host;
        var syntheticName = settings.ResumeTlsSessionsByIpAddress && IPAddress.TryParse(host, out var ip)
            ? SyntheticName(ip)
            : null;
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = syntheticName ?? host,
            RemoteCertificateValidationCallback = ValidationCallback(settings, syntheticName is null ? null : host),
        };
        if (settings.TrustedRootCertificates is { Count: > 0 } roots && settings.CertificateValidation is null)
        {
            options.CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust };
            options.CertificateChainPolicy.CustomTrustStore.AddRange(roots);
            options.CertificateChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        }
        return options;
    }

    /// <summary>"127-0-0-1.ip.invalid": a DNS-shaped name that stands for the IP and can never resolve.</summary>
    internal static string SyntheticName(IPAddress address) =>
        address.ToString().Replace(':', '-').Replace('.', '-').Replace('%', '-') + ".ip.invalid";

    private static RemoteCertificateValidationCallback? ValidationCallback(ConnectionSettings settings, string? ipHost)
    {
        if (settings.CertificateValidation is { } custom)
            return custom;
        if (settings.DangerousAcceptAnyServerCertificate)
            return static (_, _, _, _) => true;
        if (ipHost is null)
            return null; // the runtime's own checks: chain and name
        // The name was synthetic, so its mismatch is expected: check the IP against the certificate instead.
        return (_, certificate, _, errors) =>
            errors == SslPolicyErrors.None
            || (errors == SslPolicyErrors.RemoteCertificateNameMismatch
                && certificate is X509Certificate2 cert
                && cert.MatchesHostname(ipHost, allowWildcards: false, allowCommonName: false));
    }
}
