using Inet.Cli;
using Inet.Cli.Native;

namespace Inet.Tests.Cli;

public sealed class RootCommandTests
{
    [Fact]
    public async Task Help_NamesTheCommandInet()
    {
        var (code, output, _) = await CliHarness.RunAsync("--help");

        Assert.Equal(0, code);
        Assert.Contains("Usage:\n  inet [command] [options]", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("Inet.Cli", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_PrintsOneLine()
    {
        var (code, output, _) = await CliHarness.RunAsync("--version");

        Assert.Equal(0, code);
        Assert.Matches(@"^inet \d+\.\d+\.\d+\n$", output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task VersionVerbose_NamesBuildAndKernels()
    {
        var (code, output, _) = await CliHarness.RunAsync("--version", "--verbose");

        Assert.Equal(0, code);
        var lines = output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.StartsWith("inet ", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("build:  JIT-compiled, .NET ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l == "yEnc:   " + Inet.Codecs.CodecKernels.Yenc);
        Assert.Contains(lines, l => l == "CRC-32: " + Inet.Codecs.CodecKernels.Crc32);
    }

    [Fact]
    public async Task NoCommand_ShowsHelpAndExits2()
    {
        var (code, output, _) = await CliHarness.RunAsync();

        Assert.Equal(2, code);
        Assert.Contains("Commands:", output, StringComparison.Ordinal);
    }
}

public sealed class CpuLevelTests
{
    private const string Zen3 = "fpu sse sse2 ssse3 sse4_1 sse4_2 popcnt avx avx2 bmi1 bmi2 f16c fma abm movbe xsave pclmulqdq vpclmulqdq";
    private const string IceLake = Zen3 + " avx512f avx512bw avx512cd avx512dq avx512vl avx512ifma avx512vbmi avx512_vbmi2 avx512_bitalg avx512_vnni avx512_vpopcntdq";

    [Theory]
    [InlineData("fpu sse sse2 ssse3 sse4_1 sse4_2 popcnt pclmulqdq", "x86-64-v2")]
    [InlineData(Zen3, "x86-64-v3")]
    [InlineData(IceLake, "x86-64-v4")]
    // AVX-512 without VBMI2 (Skylake-X): the v4 build's yEnc kernels would not run, so v3.
    [InlineData(Zen3 + " avx512f avx512bw avx512cd avx512dq avx512vl", "x86-64-v3")]
    // AVX2 without MOVBE does not meet x86-64-v3.
    [InlineData("sse4_2 popcnt avx avx2 bmi1 bmi2 f16c fma abm xsave", "x86-64-v2")]
    [InlineData("", "x86-64-v2")]
    public void Best_PicksTheHighestLevelWhoseFlagsArePresent(string flags, string expected) =>
        Assert.Equal(expected, CpuLevels.Best(CpuFlags.Parse(flags)));

    [Fact]
    public void Read_ParsesTheFirstFlagsLine()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "processor\t: 0\nmodel name\t: Test CPU 9000\nflags\t\t: sse2 avx2  movbe\nflags\t\t: avx512f\n");
            var flags = CpuFlags.Read(path);
            Assert.Equal(["avx2", "movbe", "sse2"], flags.Order(StringComparer.Ordinal));
            Assert.Equal("Test CPU 9000", CpuFlags.ModelName(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_MissingFile_GivesNoFlags() =>
        Assert.Empty(CpuFlags.Read(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))));

    [Theory]
    [InlineData("x86-64-v2", Zen3, true)]
    [InlineData("x86-64-v3", Zen3, true)]
    [InlineData("x86-64-v4", Zen3, false)]
    [InlineData("x86-64-v4", IceLake, true)]
    [InlineData("../../bin/sh", IceLake, false)]
    [InlineData("x86-64-v5", IceLake, false)]
    public void Runs_OnlyBuiltLevelsTheCpuHas(string level, string flags, bool runs) =>
        Assert.Equal(runs, CpuLevels.Runs(level, CpuFlags.Parse(flags)));
}
