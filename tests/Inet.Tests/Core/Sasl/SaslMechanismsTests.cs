using Inet.Core.Sasl;

namespace Inet.Tests.Core.Sasl;

public class SaslMechanismsTests
{
    [Fact]
    public void Supported_StrongestFirst() =>
        Assert.Equal(["SCRAM-SHA-256", "CRAM-MD5", "PLAIN", "LOGIN"], SaslMechanisms.Supported);

    [Theory]
    [InlineData("LOGIN PLAIN CRAM-MD5 SCRAM-SHA-256 SCRAM-SHA-1", "SCRAM-SHA-256")]
    [InlineData("login plain cram-md5", "CRAM-MD5")]
    [InlineData("LOGIN Plain XOAUTH2", "PLAIN")]
    [InlineData("GSSAPI LOGIN", "LOGIN")]
    public void Choose_PicksStrongestOffered_CaseInsensitive(string offered, string expected) =>
        Assert.Equal(expected, SaslMechanisms.Choose(offered.Split(' '), "u", "p")?.Name);

    [Fact]
    public void Choose_NothingKnownOffered_ReturnsNull() =>
        Assert.Null(SaslMechanisms.Choose(["GSSAPI", "NTLM", "SCRAM-SHA-1"], "u", "p"));

    [Fact]
    public void Choose_Xoauth2_OnlyWithAToken()
    {
        Assert.Equal("XOAUTH2", SaslMechanisms.Choose(["PLAIN", "xoauth2"], "u", "p", "token")?.Name);
        Assert.Equal("PLAIN", SaslMechanisms.Choose(["PLAIN", "XOAUTH2"], "u", "p")?.Name);
        Assert.Null(SaslMechanisms.Choose(["XOAUTH2"], "u", "p"));
        Assert.Null(SaslMechanisms.Choose(["PLAIN"], "u", null, "token"));
        Assert.Equal("PLAIN", SaslMechanisms.Choose(["PLAIN"], "u", "p", "token")?.Name);
    }

    [Fact]
    public void Create_KnownNames_CaseInsensitive()
    {
        Assert.IsType<ScramSha256Mechanism>(SaslMechanisms.Create("scram-sha-256", "u", "p"));
        Assert.IsType<XOAuth2Mechanism>(SaslMechanisms.Create("XOAUTH2", "u", null, "t"));
        Assert.Equal("\0u\0p"u8.ToArray(), SaslMechanisms.Create("Plain", "u", "p").InitialResponse());
    }

    [Fact]
    public void Create_UnknownName_ThrowsNotSupported() =>
        Assert.Throws<NotSupportedException>(() => SaslMechanisms.Create("GSSAPI", "u", "p"));

    [Fact]
    public void Create_MissingSecret_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => SaslMechanisms.Create("CRAM-MD5", "u", null));
        Assert.Throws<ArgumentNullException>(() => SaslMechanisms.Create("XOAUTH2", "u", "p"));
    }
}
