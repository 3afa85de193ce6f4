using Inet.Cli.Demo;

namespace Inet.Tests.Cli;

public class DemoTests
{
    [Fact]
    public async Task Demo_PostsFetchesAndVerifiesEverySample()
    {
        var work = Directory.CreateTempSubdirectory("inet-demo-test-");
        try
        {
            Assert.True(await new DemoRunner(work.FullName, 1).RunAsync(CancellationToken.None));
            var incoming = Path.Combine(work.FullName, "incoming");
            foreach (var name in new[] { "holiday-video.mkv", "photo.jpg", "report.pdf" })
                Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(work.FullName, "source", name)), await File.ReadAllBytesAsync(Path.Combine(incoming, name)));
            Assert.Equal(3, Directory.GetFiles(Path.Combine(incoming, "text")).Length);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
