using System.Diagnostics;
using System.Text.Json;
using Inet.News.Download;
using Inet.News.Nzb;

namespace Inet.Tests.News.Download;

/// <summary>A real kill: <c>inet nzb get</c> in a child process is killed mid-job; the engine then finishes the job.</summary>
public class DownloadKillTests
{
    /// <summary>Bodies the server answers before it holds the rest back; the child is killed only once all of them are journaled.</summary>
    private const int ServedBeforeKill = 10;

    [UnixFactLocal]
    public async Task CliKilledMidJob_RestartContinues_ByteIdenticalAndJournaledSegmentsNotFetchedAgain()
    {
        await using var f = await DownloadFixture.StartAsync();
        var data = DownloadFixture.RandomBytes(400_000, 41);
        var file = await f.PostAsync("killed.bin", data, 10_000);
        // The server answers the first ten BODY commands; every later one waits for the gate, so the child cannot
        // finish the job (or even get past segment ten) before it is killed, however slow this machine is.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bodies = 0;
        f.OnCommand = async context =>
        {
            if (context.Verb == "BODY" && Interlocked.Increment(ref bodies) > ServedBeforeKill)
                await gate.Task;
            return false;
        };
        var nzbPath = Path.Combine(f.Output.FullName, "..", f.Output.Name + ".nzb");
        await using (var stream = File.Create(nzbPath))
            NzbWriter.Write(f.Nzb, stream);
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "Inet.Cli"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "nzb", "get", nzbPath, "--server", $"nntp://127.0.0.1:{f.Servers[0].Port}", "-o", f.Output.FullName, "--connections", "1", "--pipeline", "2", "--json" })
            start.ArgumentList.Add(arg);

        List<int> journaled;
        using (var process = Process.Start(start)!)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            try
            {
                // The point the child must reach: every served segment written to its journal.
                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (JournaledSegments(f.Output.FullName).Count < ServedBeforeKill && DateTime.UtcNow < deadline && !process.HasExited)
                    await Task.Delay(20);
                if (process.HasExited)
                    Assert.Fail($"the child ended (exit code {process.ExitCode}) before it could be killed: {await errors}");
                Assert.Equal(ServedBeforeKill, JournaledSegments(f.Output.FullName).Count);
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                await Task.WhenAll(output, errors);
                gate.TrySetResult(); // the held BODY commands now go to a dead socket (and the servers can stop)
            }
        }
        File.Delete(nzbPath);
        journaled = JournaledSegments(f.Output.FullName);
        Assert.Equal(Enumerable.Range(1, ServedBeforeKill), journaled.Order());
        f.OnCommand = null;
        await f.WaitQuietAsync();
        f.BodyCounts[0].Clear();

        var report = await new DownloadEngine(f.Options(connections: 2)).RunAsync(f.Nzb);

        Assert.True(report.AllOk, string.Join("\n", report.Warnings));
        Assert.Equal(data, await File.ReadAllBytesAsync(f.PathOf("killed.bin")));
        Assert.Equal(journaled.Count, report.SegmentsResumed);
        Assert.Equal(40 - journaled.Count, f.Bodies(0));
        var done = journaled.Select(n => "<" + file.Segments[n - 1].MessageId + ">").ToHashSet();
        Assert.DoesNotContain(f.BodyCounts[0].Keys, done.Contains);
    }

    private static List<int> JournaledSegments(string directory)
    {
        var segments = new List<int>();
        foreach (var path in Directory.GetFiles(directory, ".inet-nzb-*.journal"))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                try
                {
                    using var json = JsonDocument.Parse(line);
                    if (json.RootElement.GetProperty("k").GetString() == "seg")
                        segments.Add(json.RootElement.GetProperty("s").GetInt32());
                }
                catch (JsonException)
                {
                    // A line being written.
                }
            }
        }
        return segments;
    }

    /// <summary>Runs on Unix only (the test starts the CLI's apphost by its Unix name).</summary>
    private sealed class UnixFactLocalAttribute : FactAttribute
    {
        public UnixFactLocalAttribute()
        {
            if (OperatingSystem.IsWindows())
                Skip = "starts the Unix apphost";
        }
    }
}
