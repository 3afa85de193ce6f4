using Inet.Core;
using Inet.Nntp;
using Microsoft.Extensions.Logging;

namespace Inet.News.Download;

/// <summary>
/// One connection to one server: takes batches from the server's queue, pipelines BODY for them and
/// decodes each body into its file while it arrives. A dropped connection is reopened with back-off and
/// the rest of its batch goes back to the queue; after too many failures in a row the worker gives up.
/// </summary>
internal sealed class ConnectionWorker(DownloadRun run, int server)
{
    private readonly DownloadServer _server = run.Options.Servers[server];
    private readonly DownloadServerReport _stats = run.Report.Servers[server];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var decoder = new YencSegmentDecoder();
        var slot = new ConnectionSlot(_server.Client, run.Options.MaxReconnects, run.Options.ReconnectDelay);
        await using var _ = slot.ConfigureAwait(false);
        try
        {
            while (true)
            {
                var batch = run.Scheduler.Take(server, run.Options.PipelineDepth * 2);
                if (batch.Count == 0)
                {
                    if (run.Scheduler.IsFinished(server))
                        return;
                    await run.Scheduler.WaitAsync(server, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                var pending = new Queue<SegmentWork>(batch);
                try
                {
                    var client = await slot.GetAsync(cancellationToken).ConfigureAwait(false);
                    await FetchAsync(client, decoder, pending, cancellationToken).ConfigureAwait(false);
                    slot.Succeeded();
                }
                catch (Exception e) when (ConnectionSlot.IsConnectionFailure(e) && !cancellationToken.IsCancellationRequested)
                {
                    Interlocked.Increment(ref _stats._failures);
                    run.Log.LogWarning("{Server}: connection failed ({Message}); {Count} segments go back to the queue", _server.DisplayName, e.Message, pending.Count);
                    run.Scheduler.Requeue(server, pending);
                    if (!await slot.FailedAsync(progressed: pending.Count < batch.Count, cancellationToken).ConfigureAwait(false))
                    {
                        GiveUp(e);
                        return;
                    }
                }
            }
        }
        finally
        {
            if (cancellationToken.IsCancellationRequested)
                slot.Cancelled();
        }
    }

    /// <summary>Fetches the batch; each segment leaves <paramref name="pending"/> only once it is handled for good.</summary>
    private async Task FetchAsync(NntpClient client, YencSegmentDecoder decoder, Queue<SegmentWork> pending, CancellationToken cancellationToken)
    {
        var ids = pending.Select(w => ArticleId.ByMessageId(w.Segment.MessageId)).ToList();
        await foreach (var response in client.PipelineAsync("BODY", ids, run.Options.PipelineDepth, rawBodies: true, cancellationToken).ConfigureAwait(false))
        {
            var work = pending.Peek();
            if (response.Body is null)
            {
                Interlocked.Increment(ref _stats._missing);
                pending.Dequeue();
                Fail(work, SegmentFailure.Missing, $"{response.Reply.Code} {response.Reply.Text}");
                continue;
            }
            var content = response.Body.Content;
            SegmentDecodeResult? decoded = null;
            if (await decoder.SniffAsync(content, hasHeaders: false, response.Body.IsDotStuffed, cancellationToken).ConfigureAwait(false) is { } begin)
            {
                var assembler = work.File.GetAssembler(begin, run.Options, created =>
                    run.Journal.FileOpened(work.File.Index, created, begin.Size > 0 ? begin.Size : null, begin.IsMultipart ? Math.Max(begin.Total, 1) : 1));
                decoded = await decoder.DecodeAsync(assembler, content, cancellationToken).ConfigureAwait(false);
            }
            // Read what the decoder left (text after =yend): the next reply follows it on the wire.
            await content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref run.Report._bytes, response.Body.BytesRead);
            Interlocked.Increment(ref _stats._fetched);
            pending.Dequeue();
            if (decoded is { IsOk: true })
            {
                run.Delivered(work, decoded);
            }
            else
            {
                Interlocked.Increment(ref _stats._damaged);
                Fail(work, SegmentFailure.Damaged, decoded is null ? "not a yEnc part" : $"part {decoded.Part}: {decoded.Status}{(decoded.Refused ? " (refused: overlaps or out of range)" : "")}");
            }
        }
    }

    private void Fail(SegmentWork work, SegmentFailure reason, string detail)
    {
        run.Log.LogDebug("{Server}: segment {Segment} of {File}: {Detail}", _server.DisplayName, work.Segment.Number, work.File.SubjectName, detail);
        if (run.Scheduler.Failover(work, server, reason))
            Interlocked.Increment(ref run.Report._failovers);
        else
            run.FailedEverywhere(work);
    }

    private void GiveUp(Exception e)
    {
        var orphans = run.Scheduler.WorkerGaveUp(server, out var dropped);
        foreach (var lost in orphans)
            run.FailedEverywhere(lost);
        if (dropped)
        {
            _stats.Unreachable = true;
            run.Report.Warn($"{_server.DisplayName}: dropped after repeated connection failures ({e.Message})");
        }
    }
}
