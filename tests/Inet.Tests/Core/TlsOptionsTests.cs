using Inet.Core;
using Inet.Tests.Fakes;

namespace Inet.Tests.Core;

/// <summary>The TLS target names that decide which cached session a connection resumes (docs/ftps-session-reuse.md).</summary>
public class TlsOptionsTests
{
    private static ConnectionSettings Settings(string host, bool byIp = false, string? scope = null) =>
        new() { Host = host, Port = 990, ResumeTlsSessionsByIpAddress = byIp, TlsSessionScope = scope };

    [Theory]
    [InlineData("ftp.example.org", false, null, "ftp.example.org")]
    [InlineData("127.0.0.1", false, null, "127.0.0.1")]
    [InlineData("127.0.0.1", true, null, "127-0-0-1.ip.invalid")]
    [InlineData("::1", true, "s7", "s7.--1.ip.invalid")]
    [InlineData("ftp.example.org", true, "s2", "s2.ftp.example.org")]
    public void TargetHost_ByHostAndScope(string host, bool byIp, string? scope, string expected) =>
        Assert.Equal(expected, TlsOptions.For(Settings(host, byIp, scope)).TargetHost);

    [Theory]
    [InlineData("localhost", "s1", true)]
    [InlineData("127.0.0.1", "s1", true)]
    [InlineData("other.example", "s1", false)]
    [InlineData("10.1.2.3", "s1", false)]
    public void SyntheticName_CertificateCheckedAgainstTheRealHost(string host, string scope, bool accepted)
    {
        var callback = TlsOptions.For(Settings(host, byIp: true, scope)).RemoteCertificateValidationCallback!;

        // The synthetic name never matches, so the chain is fine and the name is the only error.
        var result = callback(this, TestCertificates.Localhost, null, System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch);

        Assert.Equal(accepted, result);
        Assert.False(callback(this, TestCertificates.Localhost, null, System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors));
    }
}
