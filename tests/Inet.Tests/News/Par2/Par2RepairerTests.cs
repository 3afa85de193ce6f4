using Inet.News.Par2;

namespace Inet.Tests.News.Par2;

/// <summary>Repairer safety and outcome parsing, using hand-built sets and stand-in executables.</summary>
public sealed class Par2RepairerTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public Par2RepairerTests()
    {
        var set = new Par2TestSet(1024, ("a.bin", Par2TestSet.RandomData(3000, 1)));
        File.WriteAllBytes(_dir["set.par2"], set.Volume());
    }

    public void Dispose() => _dir.Dispose();

    // One executable written once per run; each test's behaviour is a sourced (never executed) file
    // in the working folder. Rewriting an executable while other tests fork processes can fail with
    // ETXTBSY ("text file busy"), which made a per-test script flaky.
    private static readonly Lazy<string> StandIn = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"inet-fake-par2-{Environment.ProcessId}.sh");
        File.WriteAllText(path, "#!/bin/sh\n. ./behaviour.sh\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    });

    private string FakeTool(string body)
    {
        File.WriteAllText(_dir["behaviour.sh"], body + "\n");
        return StandIn.Value;
    }

    [UnixFact]
    public async Task RepairAsync_PassesArgumentsWithoutShellAndRunsInFolder()
    {
        var tool = FakeTool("pwd > args.txt; for a in \"$@\"; do echo \"[$a]\" >> args.txt; done; echo 'Repair complete.'; exit 0");
        await File.WriteAllBytesAsync(_dir["we ird;$(x).bin"], [1]);

        var result = await new Par2Repairer(tool).RepairAsync(_dir.Path, "set.par2",
            new Par2RepairOptions { ExtraFiles = ["we ird;$(x).bin"], PurgeOnSuccess = true });

        Assert.Equal(Par2RepairStatus.Repaired, result.Status);
        var lines = await File.ReadAllLinesAsync(_dir["args.txt"]);
        Assert.Equal(Path.GetFullPath(_dir.Path), lines[0]);
        Assert.Equal(["[repair]", "[-q]", "[-p]", $"[-B{_dir.Path}]", "[--]", "[set.par2]", "[we ird;$(x).bin]"], lines[1..]);
        Assert.Contains("Repair complete.", result.Output);
    }

    [UnixFact]
    public async Task RepairAsync_ExitCodes_MapToStatus()
    {
        (int Code, string Text, Par2RepairStatus Expected)[] cases =
        [
            (0, "All files are correct, repair is not required.", Par2RepairStatus.AlreadyOk),
            (0, "Repair complete.", Par2RepairStatus.Repaired),
            (1, "Repair is possible.", Par2RepairStatus.RepairPossible),
            (2, "Repair is not possible.", Par2RepairStatus.NotRepairable),
            (3, "", Par2RepairStatus.InvalidArguments),
            (4, "", Par2RepairStatus.InsufficientCriticalData),
            (5, "", Par2RepairStatus.RepairFailed),
            (6, "", Par2RepairStatus.FileIoError),
            (7, "", Par2RepairStatus.ToolError),
            (99, "", Par2RepairStatus.ToolError),
        ];
        foreach (var (code, text, expected) in cases)
        {
            var result = await new Par2Repairer(FakeTool($"echo '{text}'; echo oops >&2; exit {code}")).RepairAsync(_dir.Path, "set.par2");
            Assert.True(expected == result.Status, $"exit {code}: {result.Status} {result.Message} [{string.Join("|", result.Output)}]");
            Assert.Equal(code, result.ExitCode);
            Assert.Contains("oops", result.Output);
        }
    }

    [UnixFact]
    public async Task RepairAsync_Timeout_KillsAndReports()
    {
        var tool = FakeTool("exec sleep 30");
        var started = Environment.TickCount64;
        var result = await new Par2Repairer(tool).RepairAsync(_dir.Path, "set.par2", new Par2RepairOptions { Timeout = TimeSpan.FromMilliseconds(300) });
        Assert.Equal(Par2RepairStatus.TimedOut, result.Status);
        Assert.True(Environment.TickCount64 - started < 10_000);
    }

    [UnixFact]
    public async Task RepairAsync_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new Par2Repairer(FakeTool("exec sleep 30")).RepairAsync(_dir.Path, "set.par2", cancellationToken: cts.Token));
    }

    [UnixFact]
    public async Task RepairAsync_OutputIsBounded()
    {
        var tool = FakeTool("i=0; while [ $i -lt 500 ]; do echo line$i; i=$((i+1)); done; exit 0");
        var result = await new Par2Repairer(tool).RepairAsync(_dir.Path, "set.par2", new Par2RepairOptions { MaxOutputLines = 10 });
        Assert.Equal(10, result.Output.Count);
        Assert.Equal("line499", result.Output[^1]);
    }

    [Theory]
    [InlineData("../set.par2", new string[0])]
    [InlineData("/etc/passwd", new string[0])]
    [InlineData("missing.par2", new string[0])]
    [InlineData("set.par2", new[] { "../../etc/shadow" })]
    [InlineData("set.par2", new[] { "/etc/shadow" })]
    public async Task RepairAsync_PathsOutsideFolder_RefusedWithoutRunning(string par2File, string[] extras)
    {
        // A tool that does not exist: reaching Process.Start would give ToolNotFound instead.
        var result = await new Par2Repairer("/nonexistent/par2").RepairAsync(_dir.Path, par2File, new Par2RepairOptions { ExtraFiles = extras });
        Assert.Equal(Par2RepairStatus.Refused, result.Status);
        Assert.Null(result.ExitCode);
    }

    [Theory]
    [InlineData("../escape.bin")]
    [InlineData("/tmp/abs.bin")]
    public async Task RepairAsync_SetNamingFileOutsideFolder_Refused(string hostileName)
    {
        var set = new Par2TestSet(1024, (hostileName, Par2TestSet.RandomData(100, 3)));
        await File.WriteAllBytesAsync(_dir["hostile.par2"], set.Volume());
        var result = await new Par2Repairer("/nonexistent/par2").RepairAsync(_dir.Path, "hostile.par2");
        Assert.Equal(Par2RepairStatus.Refused, result.Status);
        Assert.Contains(hostileName, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepairAsync_NotAPar2File_Refused()
    {
        await File.WriteAllTextAsync(_dir["junk.par2"], "not par2");
        var result = await new Par2Repairer("/nonexistent/par2").RepairAsync(_dir.Path, "junk.par2");
        Assert.Equal(Par2RepairStatus.Refused, result.Status);
    }

    [Fact]
    public async Task RepairAsync_ToolMissing_ReportsToolNotFound()
    {
        var result = await new Par2Repairer("/nonexistent/par2").RepairAsync(_dir.Path, _dir["set.par2"]);
        Assert.Equal(Par2RepairStatus.ToolNotFound, result.Status);
        Assert.False(Par2Repairer.IsToolAvailable("/nonexistent/par2"));
        Assert.False(Par2Repairer.IsToolAvailable("no-such-tool-inet-xyz"));
    }

    [Fact]
    public async Task RepairAsync_OtherSetInSameFileNamesOutsideFile_Refused()
    {
        var good = new Par2TestSet(1024, ("a.bin", Par2TestSet.RandomData(3000, 1)));
        var evil = new Par2TestSet(1024, ("../evil.bin", Par2TestSet.RandomData(10, 2)));
        await File.WriteAllBytesAsync(_dir["mixed.par2"], Par2TestSet.Concat(good.Volume(), evil.MainPacket(), evil.FileDescPacket(0)));
        var result = await new Par2Repairer("/nonexistent/par2").RepairAsync(_dir.Path, "mixed.par2");
        Assert.Equal(Par2RepairStatus.Refused, result.Status);
    }

    [Fact]
    public async Task RepairAsync_HostileVolumeOrExtraPar2_Refused()
    {
        var evil = new Par2TestSet(1024, ("../evil.bin", Par2TestSet.RandomData(10, 2)));
        await File.WriteAllBytesAsync(_dir["extra.par2"], evil.Volume());
        var viaExtra = await new Par2Repairer("/nonexistent/par2").RepairAsync(_dir.Path, "set.par2",
            new Par2RepairOptions { ExtraFiles = ["extra.par2"] });
        Assert.Equal(Par2RepairStatus.Refused, viaExtra.Status);

        await File.WriteAllBytesAsync(_dir["set.vol9+1.par2"], evil.Volume());
        var viaVolume = await new Par2Repairer("/nonexistent/par2").RepairAsync(_dir.Path, "set.par2");
        Assert.Equal(Par2RepairStatus.Refused, viaVolume.Status);
    }

    [UnixFact]
    public async Task RepairAsync_TargetBehindSymlink_Refused()
    {
        using var outside = new TempFolder();
        Directory.CreateSymbolicLink(_dir["sub"], outside.Path);
        var set = new Par2TestSet(1024, ("sub/a.bin", Par2TestSet.RandomData(10, 2)));
        await File.WriteAllBytesAsync(_dir["linked.par2"], set.Volume());
        var result = await new Par2Repairer("/nonexistent/par2").RepairAsync(_dir.Path, "linked.par2");
        Assert.Equal(Par2RepairStatus.Refused, result.Status);
        Assert.Empty(Directory.GetFiles(outside.Path));
    }
}
