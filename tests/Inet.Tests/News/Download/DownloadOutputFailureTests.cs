using Inet.Codecs;
using Inet.News.Download;

namespace Inet.Tests.News.Download;

/// <summary>A file that cannot be written (disk full) is not a network failure: the job stops and resumes later.</summary>
public class DownloadOutputFailureTests
{
    [Fact]
    public async Task DiskFullMidJob_StopsAllConnections_ThenResumesByteIdentical()
    {
        await using var f = await DownloadFixture.StartAsync();
        var big = DownloadFixture.RandomBytes(300_000, 21);
        var other = DownloadFixture.RandomBytes(90_000, 22);
        await f.PostAsync("big.bin", big, 10_000);
        await f.PostAsync("other.bin", other, 10_000);
        var writes = 0;
        var full = f.Options(connections: 3, depth: 2) with
        {
            VerifyPar2 = false,
            WriteFault = _ =>
            {
                if (Interlocked.Increment(ref writes) > 12)
                    throw new IOException("No space left on device");
            },
        };

        var error = await Assert.ThrowsAsync<OutputWriteException>(() => new DownloadEngine(full).RunAsync(f.Nzb));

        Assert.Contains("No space left on device", error.Message);
        Assert.Contains(error.FileName, new[] { "big.bin", "other.bin" });
        await f.WaitQuietAsync();
        // Stopped rather than retried: far fewer bodies than the job has, no reconnect storm, nothing placed.
        Assert.True(f.Bodies(0) < 39, $"{f.Bodies(0)} bodies fetched");
        Assert.False(File.Exists(f.PathOf("big.bin")));
        Assert.NotEmpty(Directory.GetFiles(f.Output.FullName, "*.inet-part"));
        f.BodyCounts[0].Clear();

        var second = await new DownloadEngine(f.Options(connections: 3, depth: 2) with { VerifyPar2 = false }).RunAsync(f.Nzb);

        Assert.True(second.AllOk);
        Assert.True(second.SegmentsResumed > 0);
        Assert.Equal(39, second.SegmentsResumed + second.SegmentsDownloaded);
        Assert.Equal(big, await File.ReadAllBytesAsync(f.PathOf("big.bin")));
        Assert.Equal(other, await File.ReadAllBytesAsync(f.PathOf("other.bin")));
        Assert.Empty(Directory.GetFiles(f.Output.FullName, "*.inet-part"));
    }
}
