using System.Diagnostics;
using System.Text;
using Inet.Mail;

namespace Inet.Tests.Mail;

/// <summary>
/// A real kill -9: a child process (tests/Inet.Tests.MailChild) fetches 200 messages into a Maildir and is killed
/// with SIGKILL at random points, again and again; a last run completes. Every message must then be there once.
/// </summary>
public class MailFetchKillTests
{
    private const int Count = 200;
    private const int Kills = 8;

    [UnixFact]
    public async Task ChildKilledRepeatedly_FinalRun_EveryMessageExactlyOnce_AndARerunFetchesNothing()
    {
        using var f = new MaildirFixture();
        f.Open();
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var killedMidRun = 0;
        for (var round = 0; round < Kills; round++)
        {
            var before = f.Files("new").Length;
            if (before >= Count - 10)
                break;
            // Kill once the child has delivered a random number more; then a random moment later, mid-step.
            var target = before + random.Next(1, Math.Max(2, (Count - before) / 3));
            using var child = StartChild(f.Root);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!child.HasExited && f.Files("new").Length < target && DateTime.UtcNow < deadline)
                Thread.SpinWait(random.Next(100, 5000));
            Thread.SpinWait(random.Next(0, 200_000));
            if (!child.HasExited)
            {
                child.Kill(); // SIGKILL on Unix
                killedMidRun++;
            }
            await child.WaitForExitAsync();
        }

        using (var final = StartChild(f.Root))
        {
            var output = final.StandardOutput.ReadToEndAsync();
            var errors = final.StandardError.ReadToEndAsync();
            await final.WaitForExitAsync();
            Assert.True(final.ExitCode == 0, $"seed {seed}: the final run failed: {await errors}");
            await output;
        }

        Assert.True(killedMidRun >= 3, $"seed {seed}: only {killedMidRun} kills landed mid-run");
        var byId = f.Files("new").Concat(f.Files("cur")).Select(p => Encoding.ASCII.GetString(File.ReadAllBytes(p))).ToList();
        Assert.Equal(Count, byId.Count);
        Assert.Equal(Enumerable.Range(1, Count).Select(uid => Message((uint)uid)).Order(StringComparer.Ordinal), byId.Order(StringComparer.Ordinal));
        f.Open().CleanTmp(TimeSpan.Zero); // leftovers of writes the kills cut short
        Assert.Empty(f.Files("tmp"));
        Assert.Contains("\"uids\": \"1:200\"", await File.ReadAllTextAsync(Path.Combine(f.Root, ".inet-fetch-state")), StringComparison.Ordinal);

        using var rerun = StartChild(f.Root);
        var rerunOutput = await rerun.StandardOutput.ReadToEndAsync();
        await rerun.WaitForExitAsync();
        Assert.Equal(0, rerun.ExitCode);
        Assert.Equal("", rerunOutput);
    }

    // The same text the child writes.
    private static string Message(uint uid) =>
        $"Message-ID: <{uid}@kill.test>\r\nSubject: {uid}\r\n\r\n" + string.Concat(Enumerable.Repeat($"line of message {uid}\r\n", 200));

    private static Process StartChild(string root)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "Inet.Tests.MailChild"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(root);
        start.ArgumentList.Add(Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Process.Start(start)!;
    }

    /// <summary>Runs on Unix only (the test starts the child's apphost by its Unix name, and Kill is SIGKILL there).</summary>
    private sealed class UnixFactAttribute : FactAttribute
    {
        public UnixFactAttribute()
        {
            if (OperatingSystem.IsWindows())
                Skip = "starts the Unix apphost";
        }
    }
}
