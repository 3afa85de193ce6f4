using System.Diagnostics;
using System.Text.Json;
using Inet.News.Download;
using Inet.News.Nzb;

namespace Inet.Tests.News.Download;

/// <summary>A real kill: <c>inet nzb get</c> in a child process is killed mid-job; the engine then finishes the job.</summary>
public class DownloadKillTests
{
    [UnixFactLocal]
    public async Task CliKilledMidJob_RestartContinues_ByteIdenticalAndJournaledSegmentsNotFetchedAgain()
    {
        await using var f = await DownloadFixture.StartAsync();
        var data = DownloadFixture.RandomBytes(400_000, 41);
        var file = await f.PostAsync("killed.bin", data, 10_000);
        f.Servers[0].Options.Faults.ReplyDelay = TimeSpan.FromMilliseconds(30);
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
            try
            {
                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (JournaledSegments(f.Output.FullName).Count < 10 && DateTime.UtcNow < deadline && !process.HasExited)
                    await Task.Delay(20);
                Assert.False(process.HasExited, "the job finished before it could be killed");
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        File.Delete(nzbPath);
        journaled = JournaledSegments(f.Output.FullName);
        Assert.InRange(journaled.Count, 10, 39);
        await f.WaitQuietAsync();
        f.BodyCounts[0].Clear();
        f.Servers[0].Options.Faults.ReplyDelay = TimeSpan.Zero;

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
