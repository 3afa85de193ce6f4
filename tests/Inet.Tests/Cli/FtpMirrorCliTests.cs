using System.Text.Json;
using Inet.Core;
using Inet.Tests.Fakes;
using Inet.Tests.Ftp;

namespace Inet.Tests.Cli;

/// <summary><c>inet ftp mirror</c> against the in-process fake server: the tree arrives, a second run moves nothing, unsafe names are reported.</summary>
public class FtpMirrorCliTests
{
    private static string Url(FtpMirrorFixture f, string folder = "pub/") =>
        $"ftp://{f.Server.UserName}:{f.Server.Password}@127.0.0.1:{f.Server.Port}/%2F{folder}";

    [Fact]
    public async Task Mirror_TreeArrives_SecondRunTransfersNothing()
    {
        await using var f = new FtpMirrorFixture(FtpMirrorFixture.SampleTree().Inject("/pub", new FakeFtpEntry("../escape.txt")));

        var (code, output, error) = await CliHarness.RunAsync("ftp", "mirror", Url(f), f.Local, "--parallel", "3", "--json");

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Equal(f.RemoteFiles(), f.LocalFiles());
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Equal(f.RemoteFiles().Count, report.GetProperty("transferred").GetArrayLength());
        var skip = Assert.Single(report.GetProperty("skipped").EnumerateArray());
        Assert.Equal("../escape.txt", skip.GetProperty("name").GetString());
        Assert.False(File.Exists(Path.Combine(f.Outside, "escape.txt")));

        var before = f.LocalIdentities();
        var (again, text, _) = await CliHarness.RunAsync("ftp", "mirror", Url(f), f.Local);

        Assert.Equal(ExitCodes.Ok, again);
        Assert.Contains("transferred 0 files", text, StringComparison.Ordinal);
        Assert.Equal(before, f.LocalIdentities());
    }

    [Fact]
    public async Task Mirror_OneFileRefused_Exit3AndTheRestArrives()
    {
        await using var f = new FtpMirrorFixture(FtpMirrorFixture.SampleTree());
        f.Server.Fault("/pub/readme.txt", FakeFtpFault.Refuse());

        var (code, _, error) = await CliHarness.RunAsync("ftp", "mirror", Url(f), f.Local);

        Assert.Equal(ExitCodes.ServerRefused, code);
        Assert.Contains("readme.txt", error, StringComparison.Ordinal);
        Assert.True(File.Exists(f["data/big.bin"]));
        Assert.False(File.Exists(f["readme.txt"]));
    }
}
