using Inet.Ftp;

namespace Inet.Tests.Ftp;

public class FtpClientOptionsTests
{
    [Fact]
    public void Options_FromUrl_PercentDecodedCredentialsAndPath()
    {
        var options = FtpClientOptions.FromUrl("ftp://jo%40e:p%3Ass%20w@ftp.example.org:2121/pub/a%20b/");
        Assert.Equal("ftp.example.org", options.Connection.Host);
        Assert.Equal(2121, options.Connection.Port);
        Assert.Equal("jo@e", options.UserName);
        Assert.Equal("p:ss w", options.Password);
        Assert.Equal("pub/a b/", options.Path);
        Assert.False(options.Connection.UseImplicitTls);
    }

    [Fact]
    public void Options_FromUrlWithoutUser_Anonymous()
    {
        var options = FtpClientOptions.FromUrl("ftp://ftp.example.org");
        Assert.Equal(21, options.Connection.Port);
        Assert.Equal("anonymous", options.UserName);
        Assert.Equal("anonymous@", options.Password);
    }

    [Fact]
    public void Options_FromUrlUserWithoutPassword_PasswordLeftToTheCaller()
    {
        Assert.Null(FtpClientOptions.FromUrl("ftp://joe@ftp.example.org/").Password);
        Assert.Equal("given", FtpClientOptions.FromUrl("ftp://joe@ftp.example.org/", "given").Password);
    }
}
