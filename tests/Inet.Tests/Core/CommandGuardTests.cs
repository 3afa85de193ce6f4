using Inet.Core;

namespace Inet.Tests.Core;

public class CommandGuardTests
{
    [Theory]
    [InlineData("a\rb")]
    [InlineData("a\nQUIT")]
    [InlineData("a\0b")]
    public void Check_ControlCharacters_Throws(string value) =>
        Assert.Throws<ArgumentException>(() => CommandGuard.Check(value, "arg"));

    [Fact]
    public void Check_PlainText_ReturnsIt() => Assert.Equal("comp.lang.c", CommandGuard.Check("comp.lang.c", "g"));

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    public void CheckToken_EmptyOrSpaced_Throws(string value) =>
        Assert.Throws<ArgumentException>(() => CommandGuard.CheckToken(value, "arg"));
}
