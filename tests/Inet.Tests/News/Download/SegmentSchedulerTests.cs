using Inet.Core;
using Inet.News.Download;
using Inet.Nntp;

namespace Inet.Tests.News.Download;

public sealed class SegmentSchedulerTests
{
    private static DownloadServer Server(int connections) => new()
    {
        Client = new NntpClientOptions { Connection = new ConnectionSettings { Host = "127.0.0.1", Port = 119 } },
        Connections = connections,
    };

    [Fact]
    public async Task LastSegmentDone_WakesEveryIdleConnectionOfEveryServer()
    {
        // A poll interval far longer than the test: only the wake-up can end the waits.
        using var scheduler = new SegmentScheduler([Server(4), Server(2)], maxAttempts: 3, pollInterval: TimeSpan.FromMinutes(10));
        scheduler.AddUnfetchable();
        var waits = Enumerable.Range(0, 4).Select(_ => scheduler.WaitAsync(0, CancellationToken.None))
            .Concat(Enumerable.Range(0, 2).Select(_ => scheduler.WaitAsync(1, CancellationToken.None))).ToList();
        Assert.False(scheduler.IsFinished(0));
        Assert.All(waits, w => Assert.False(w.IsCompleted));

        scheduler.Completed();

        await Task.WhenAll(waits).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(scheduler.IsFinished(0));
        Assert.True(scheduler.IsFinished(1));
    }
}
