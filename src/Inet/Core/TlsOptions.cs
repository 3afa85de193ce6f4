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
/// IP host gets a synthetic name under <c>.invalid</c> (RFC 6761), and with
/// <see cref="ConnectionSettings.TlsSessionScope"/> any host gets a name of its own; the certificate is
/// then checked against the real host in the validation callback (docs/ftps-session-reuse.md).
/// </remarks>
public static class TlsOptions
{
    /// <summary>Options for a connection to <paramref name="settings"/>' host.</summary>
    public static SslClientAuthenticationOptions For(ConnectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var host = settings.TlsTargetHost ?? settings.Host;
        var scope = settings.TlsSessionScope is { } s ? s + "." : "";
        string? syntheticName = null;
        if (IPAddress.TryParse(host, out var ip))
        {
            if (settings.ResumeTlsSessionsByIpAddress)
                syntheticName = scope + SyntheticName(ip);
        }
        else if (scope.Length > 0)
        {
            syntheticName = scope + host;
        }
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

    /// <summary>"127-0-0-1.ip.invalid": a DNS-shaped name that stands for the IP and can never resolve (RFC 6761).</summary>
    internal static string SyntheticName(IPAddress address) =>
        address.ToString().Replace(':', '-').Replace('.', '-').Replace('%', '-') + ".ip.invalid";

    private static RemoteCertificateValidationCallback? ValidationCallback(ConnectionSettings settings, string? realHost)
    {
        if (settings.CertificateValidation is { } custom)
            return custom;
        if (settings.DangerousAcceptAnyServerCertificate)
            return static (_, _, _, _) => true;
        if (realHost is null)
            return null; // the runtime's own checks: chain and name
        // The name sent was synthetic, so its mismatch is expected: check the real host against the certificate instead.
        var isIp = IPAddress.TryParse(realHost, out _);
        return (_, certificate, _, errors) =>
            errors == SslPolicyErrors.None
            || (errors == SslPolicyErrors.RemoteCertificateNameMismatch
                && certificate is X509Certificate2 cert
                && cert.MatchesHostname(realHost, allowWildcards: !isIp, allowCommonName: !isIp));
    }
}
