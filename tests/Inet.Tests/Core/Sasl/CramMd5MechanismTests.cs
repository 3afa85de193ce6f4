using Inet.Core.Sasl;

namespace Inet.Tests.Core.Sasl;

public class CramMd5MechanismTests
{
    [Fact]
    public void Respond_Rfc2195Example()
    {
        var cram = new CramMd5Mechanism("tim", "tanstaaftanstaaf");
        var response = cram.Respond("<1896.697170952@postoffice.reston.mci.net>"u8);
        Assert.Equal("tim b913a602c7eda7a495b4e6e7334d3890"u8.ToArray(), response);
        Assert.Equal(("CRAM-MD5", false, false), (cram.Name, cram.HasInitialResponse, cram.SendsPasswordInClear));
    }

    [Fact]
    public void Respond_SecondChallenge_Throws()
    {
        var cram = new CramMd5Mechanism("tim", "tanstaaftanstaaf");
        cram.Respond("<1.2@host>"u8);
        Assert.Throws<SaslException>(() => cram.Respond("<1.2@host>"u8));
    }

    [Fact]
    public void Respond_EmptyChallenge_Throws() =>
        Assert.Throws<SaslException>(() => new CramMd5Mechanism("u", "p").Respond([]));

    [Fact]
    public void InitialResponse_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new CramMd5Mechanism("u", "p").InitialResponse());
}
