using Inet.Codecs;

namespace Inet.News.Download;

/// <summary>
/// Runs a download's connection workers together, for the engine and the news robot: a file that cannot be written
/// (disk full) stops them all instead of leaving the others to fail one by one. Returns, or throws, once every
/// worker has ended (Task.WhenAll waits for all of them): the first <see cref="OutputWriteException"/>, or the
/// cancellation.
/// </summary>
internal static class WorkerGroup
{
    public static async Task RunAsync(IEnumerable<Func<CancellationToken, Task>> workers, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = workers.Select(worker => Task.Run(() => StopAllOnOutputFailureAsync(worker, stop), stop.Token)).ToList();
        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private static async Task StopAllOnOutputFailureAsync(Func<CancellationToken, Task> worker, CancellationTokenSource stop)
    {
        try
        {
            await worker(stop.Token).ConfigureAwait(false);
        }
        catch (OutputWriteException)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }
}
