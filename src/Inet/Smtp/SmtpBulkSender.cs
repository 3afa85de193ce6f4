using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Inet.Smtp;

/// <summary>
/// Sends many messages over a pool of connections: each connection takes the next message from one
/// shared queue and pipelines it (<see cref="SmtpClient.SendAllAsync"/>). The first connection is opened
/// alone, so a wrong password or a TLS failure stops the run before anything is sent; after that, a
/// connection that fails hands back a failed result for each message it had in flight, and the other
/// connections go on with the queue. Results arrive as messages finish, not in queue order.
/// </summary>
public static class SmtpBulkSender
{
    public static async IAsyncEnumerable<SmtpSendResult> SendAsync(SmtpClientOptions options, IEnumerable<SmtpOutgoingMessage> messages,
        int connections, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentOutOfRangeException.ThrowIfLessThan(connections, 1);
        var queue = Channel.CreateUnbounded<SmtpOutgoingMessage>();
        var total = 0;
        foreach (var message in messages)
        {
            message.Envelope.CheckAddresses(); // a bad address stops the run before anything is sent
            queue.Writer.TryWrite(message);
            total++;
        }
        queue.Writer.Complete();
        if (total == 0)
            yield break;
        var results = Channel.CreateUnbounded<SmtpSendResult>();
        var first = await SmtpClient.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        var workers = new List<Task> { RunAsync(first, queue.Reader, results.Writer, cancellationToken) };
        for (var i = 1; i < Math.Min(connections, total); i++)
            workers.Add(ConnectAndRunAsync(options, queue.Reader, results.Writer, cancellationToken));
        var all = Task.WhenAll(workers).ContinueWith(_ => results.Writer.TryComplete(), TaskScheduler.Default);
        await foreach (var result in results.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            yield return result;
        await all.ConfigureAwait(false);
        // Every connection is gone and messages are left: they were never sent.
        Exception? reason = null;
        foreach (var worker in workers)
            reason ??= worker.Exception?.GetBaseException();
        while (queue.Reader.TryRead(out var unsent))
            yield return SmtpFailedResults.For(unsent, reason ?? new IOException("No connection was left to send this message."));
    }

    private static async Task ConnectAndRunAsync(SmtpClientOptions options, ChannelReader<SmtpOutgoingMessage> queue,
        ChannelWriter<SmtpSendResult> results, CancellationToken cancellationToken)
    {
        var client = await SmtpClient.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        await RunAsync(client, queue, results, cancellationToken).ConfigureAwait(false);
    }

    private static async Task RunAsync(SmtpClient client, ChannelReader<SmtpOutgoingMessage> queue,
        ChannelWriter<SmtpSendResult> results, CancellationToken cancellationToken)
    {
        var inFlight = new Queue<SmtpOutgoingMessage>();
        await using (client.ConfigureAwait(false))
        {
            try
            {
                await foreach (var result in client.SendAllAsync(Take(queue, inFlight, cancellationToken), cancellationToken).ConfigureAwait(false))
                {
                    inFlight.Dequeue();
                    await results.WriteAsync(result, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                while (inFlight.TryDequeue(out var lost))
                    await results.WriteAsync(SmtpFailedResults.For(lost, e), cancellationToken).ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>The shared queue as this connection's message source, remembering what it handed out.</summary>
    private static async IAsyncEnumerable<SmtpOutgoingMessage> Take(ChannelReader<SmtpOutgoingMessage> queue, Queue<SmtpOutgoingMessage> inFlight,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await queue.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (queue.TryRead(out var message))
            {
                inFlight.Enqueue(message);
                yield return message;
            }
        }
    }
}
