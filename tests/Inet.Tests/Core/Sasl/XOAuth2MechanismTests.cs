using Inet.Core.Sasl;

namespace Inet.Tests.Core.Sasl;

public class XOAuth2MechanismTests
{
    [Fact]
    public void InitialResponse_IsUserAuthBearerWithCtrlASeparators()
    {
        var xoauth = new XOAuth2Mechanism("someuser@example.com", "ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg");
        byte[] expected = [.. "user=someuser@example.com"u8, 0x01, .. "auth=Bearer ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg"u8, 0x01, 0x01];
        Assert.Equal(expected, xoauth.InitialResponse());
        Assert.Equal(("XOAUTH2", true, false), (xoauth.Name, xoauth.HasInitialResponse, xoauth.SendsPasswordInClear));
    }

    [Fact]
    public void Respond_ErrorChallenge_AnsweredEmptyOnce_ThenThrows()
    {
        var xoauth = new XOAuth2Mechanism("u", "t");
        xoauth.InitialResponse();
        Assert.Empty(xoauth.Respond("{\"status\":\"401\",\"schemes\":\"bearer\",\"scope\":\"https://mail.google.com/\"}"u8));
        Assert.Throws<SaslException>(() => xoauth.Respond("{}"u8));
    }

    [Fact]
    public void Respond_EmptyFirstChallenge_SendsTheMessageInstead()
    {
        byte[] expected = [.. "user=u"u8, 0x01, .. "auth=Bearer t"u8, 0x01, 0x01];
        Assert.Equal(expected, new XOAuth2Mechanism("u", "t").Respond([]));
    }

    [Theory]
    [InlineData("a\u0001b", "t")]
    [InlineData("u", "t\u0001auth=Bearer other")]
    public void Constructor_CtrlA_Throws(string user, string token) =>
        Assert.Throws<ArgumentException>(() => new XOAuth2Mechanism(user, token));
}
