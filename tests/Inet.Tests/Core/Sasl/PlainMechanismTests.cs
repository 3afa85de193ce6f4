using System.Text;
using Inet.Core.Sasl;

namespace Inet.Tests.Core.Sasl;

public class PlainMechanismTests
{
    [Fact]
    public void InitialResponse_IsNulUserNulPasswordInUtf8()
    {
        var plain = new PlainMechanism("tim", "pässword");
        Assert.Equal("\0tim\0p\u00e4ssword"u8.ToArray(), plain.InitialResponse());
        Assert.Equal(("PLAIN", true, true), (plain.Name, plain.HasInitialResponse, plain.SendsPasswordInClear));
    }

    [Fact]
    public void Respond_EmptyFirstChallenge_SendsTheMessageInstead() =>
        Assert.Equal("\0u\0p"u8.ToArray(), new PlainMechanism("u", "p").Respond([]));

    [Fact]
    public void Respond_AfterTheMessage_Throws()
    {
        var plain = new PlainMechanism("u", "p");
        plain.InitialResponse();
        Assert.Throws<SaslException>(() => plain.Respond([]));
        Assert.Throws<InvalidOperationException>(() => plain.InitialResponse());
    }

    [Theory]
    [InlineData("a\0b", "p")]
    [InlineData("u", "p\0admin")]
    public void Constructor_Nul_Throws(string user, string password) =>
        Assert.Throws<ArgumentException>(() => new PlainMechanism(user, password));

    [Fact]
    public void InitialResponse_NonAsciiUser_EncodesUtf8() =>
        Assert.Equal(Encoding.UTF8.GetBytes("\0\u00fcser\0pw"), new PlainMechanism("\u00fcser", "pw").InitialResponse());
}
