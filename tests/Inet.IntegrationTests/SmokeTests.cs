namespace Inet.IntegrationTests;

public class SmokeTests
{
    [Fact]
    public void Assembly_Loads() => Assert.Equal("Inet", typeof(Inet.Core.ExitCodes).Assembly.GetName().Name);
}
