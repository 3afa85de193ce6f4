using Inet.Core.Sasl;

namespace Inet.Tests.Core.Sasl;

public class LoginMechanismTests
{
    [Fact]
    public void Respond_AnswersUserThenPassword_WhateverThePrompt()
    {
        var login = new LoginMechanism("joe", "secret");
        Assert.Equal("joe"u8.ToArray(), login.Respond("Username:"u8));
        Assert.Equal("secret"u8.ToArray(), login.Respond("VXNlcm5hbWU6 is what some servers say"u8));
        Assert.Equal(("LOGIN", false, true), (login.Name, login.HasInitialResponse, login.SendsPasswordInClear));
    }

    [Fact]
    public void Respond_ThirdChallenge_Throws()
    {
        var login = new LoginMechanism("joe", "secret");
        login.Respond("Username:"u8);
        login.Respond("Password:"u8);
        Assert.Throws<SaslException>(() => login.Respond("Password:"u8));
    }

    [Fact]
    public void InitialResponse_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new LoginMechanism("u", "p").InitialResponse());
}
