using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Inet.Core;

/// <summary>Where and how to connect: host, port, TLS and the limits that protect the client.</summary>
public sealed record ConnectionSettings
{
    public required string Host { get; init; }
    public required int Port { get; init; }

    /// <summary>Start TLS right after TCP connect (nntps, ftps, smtps, pop3s, imaps).</summary>
    public bool UseImplicitTls { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest silence from the server during a command before a TimeoutException.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Longest line accepted from the server.</summary>
    public int MaxLineLength { get; init; } = 64 * 1024;

    /// <summary>Extra certificates trusted as roots (e.g. a test server's self-signed certificate).</summary>
    public X509Certificate2Collection? TrustedRootCertificates { get; init; }

    /// <summary>The name the server certificate must carry; defaults to <see cref="Host"/>.</summary>
    public string? TlsTargetHost { get; init; }

    /// <summary>
    /// Turns certificate validation off. Anyone on the path can then read and change the session:
    /// for tests and hosts you control only.
    /// </summary>
    public bool DangerousAcceptAnyServerCertificate { get; init; }

    /// <summary>A validation callback of your own; replaces the default checks when set.</summary>
    public RemoteCertificateValidationCallback? CertificateValidation { get; init; }

    /// <summary>
    /// When the host is an IP literal, send a synthetic name (<c>…ip.invalid</c>) as TLS target so that
    /// later connections can resume the session (FTP data connections), and check the certificate
    /// against the IP. Off by default: plain IP connections send no SNI.
    /// </summary>
    public bool ResumeTlsSessionsByIpAddress { get; init; }

    /// <summary>
    /// Caches this connection's TLS session under a name of its own (<c>scope.host</c>, or
    /// <c>scope.…ip.invalid</c> for an IP host), sent as SNI, with the certificate still checked against
    /// the host. .NET keeps one client session per name, so connections to one host that run side by
    /// side and must each resume their own session (FTPS data connections) need distinct names.
    /// </summary>
    public string? TlsSessionScope { get; init; }

    /// <summary>Largest ratio of inflated to compressed bytes accepted from COMPRESS DEFLATE.</summary>
    public int MaxInflationRatio { get; init; } = 1000;
}
