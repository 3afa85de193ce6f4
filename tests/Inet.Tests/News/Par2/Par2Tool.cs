using System.Diagnostics;
using Inet.News.Par2;

namespace Inet.Tests.News.Par2;

/// <summary>Access to the real par2cmdline for tests that build sets with it.</summary>
internal static class Par2Tool
{
    public static bool Installed { get; } = Par2Repairer.IsToolAvailable();

    public static bool IsCi => Inet.Testing.CiEnvironment.IsCi;

    /// <summary>Runs par2 in <paramref name="folder"/> and returns its exit code; fails the test
    /// when the tool is missing (only reachable under CI, where tests must not skip).</summary>
    public static int Run(string folder, params string[] args)
    {
        Assert.True(Installed, "par2 is not installed (the test script must run: apt-get install -y par2)");
        var start = new ProcessStartInfo("par2") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "par2 hung");
        _ = stdout.Result + stderr.Result;
        return process.ExitCode;
    }
}
