using System.IO.Pipelines;
using Inet.Nntp;

namespace Inet.News.Posting;

/// <summary>
/// Posts an article while it is being encoded: the encoder writes into a bounded pipe and
/// <see cref="NntpClient.PostAsync(Stream, CancellationToken)"/> reads from it, so a part is never whole in memory.
/// </summary>
internal static class ArticleStreamer
{
    private const long PauseWriterAt = 256 * 1024;

    /// <summary>Posts what <paramref name="write"/> produces; <paramref name="completed"/> gets the size once it wrote everything.</summary>
    public static async Task<string> PostAsync(NntpClient client, Func<Stream, CancellationToken, Task> write, Action<long> completed, CancellationToken cancellationToken)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: PauseWriterAt, resumeWriterThreshold: PauseWriterAt / 2, useSynchronizationContext: false));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = ProduceAsync(pipe.Writer, write, completed, stop.Token);
        try
        {
            return await client.PostAsync(pipe.Reader.AsStream(leaveOpen: true), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The server may refuse before reading the article: stop the encoder and unblock it.
            await stop.CancelAsync().ConfigureAwait(false);
            await pipe.Reader.CompleteAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
        }
    }

    private static async Task ProduceAsync(PipeWriter writer, Func<Stream, CancellationToken, Task> write, Action<long> completed, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var counter = new CountingStream(writer.AsStream(leaveOpen: true));
        try
        {
            await write(counter, cancellationToken).ConfigureAwait(false);
            completed(counter.Count);
            await writer.CompleteAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Any encoder failure must reach the reading side, which rethrows it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await writer.CompleteAsync(e).ConfigureAwait(false);
        }
    }
}
