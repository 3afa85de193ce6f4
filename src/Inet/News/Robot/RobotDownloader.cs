using Inet.Codecs;
using Inet.Core;
using Inet.News.Download;
using Inet.Nntp;
using Microsoft.Extensions.Logging;

namespace Inet.News.Robot;

/// <summary>
/// Fetches the planned articles over several connections, each keeping a window of BODY (or
/// ARTICLE) commands in flight, and decodes each one while it arrives. A lost connection is
/// reopened and its unfinished articles are tried again; nothing is fetched twice once decoded.
/// </summary>
internal sealed class RobotDownloader
{
    private const int MaxAttempts = 3;
    private const int MaxReconnects = 5;
    private readonly NewsRobotOptions _options;
    private readonly RobotReport _report;
    private readonly IProgress<RobotProgress>? _progress;
    private readonly ILogger _log;
    private readonly Action<IReadOnlyCollection<(string Group, long Number)>> _finished;
    private readonly Lock _queueGate = new();
    private readonly Queue<ArticleWork> _queue = new();
    private readonly Dictionary<ArticleWork, int> _attempts = [];
    private long _totalExpected;
    private long _received;

    public RobotDownloader(NewsRobotOptions options, RobotReport report, IProgress<RobotProgress>? progress, ILogger log,
        Action<IReadOnlyCollection<(string Group, long Number)>> finished)
    {
        _options = options;
        _report = report;
        _progress = progress;
        _log = log;
        _finished = finished;
    }

    public async Task RunAsync(List<List<ArticleWork>> files, YencFileRegistry registry, CancellationToken cancellationToken)
    {
        foreach (var article in files.SelectMany(f => f))
        {
            _queue.Enqueue(article);
            _totalExpected += article.Bytes;
        }
        var workers = Enumerable.Range(0, Math.Min(_options.Connections, _queue.Count))
            .Select(_ => (Func<CancellationToken, Task>)(ct => WorkerAsync(registry, ct)));
        await WorkerGroup.RunAsync(workers, cancellationToken).ConfigureAwait(false);
    }

    private async Task WorkerAsync(YencFileRegistry registry, CancellationToken cancellationToken)
    {
        using var decoder = new ArticleDecoder(registry, _options.OutputDirectory, _options.SaveText);
        var slot = new ConnectionSlot(_options.Server, MaxReconnects, TimeSpan.FromMilliseconds(200));
        await using var _ = slot.ConfigureAwait(false);
        try
        {
            while (TakeBatch() is { Count: > 0 } batch)
            {
                var pending = new Queue<ArticleWork>(batch);
                try
                {
                    var client = await slot.GetAsync(cancellationToken).ConfigureAwait(false);
                    await FetchAsync(client, decoder, registry, pending, cancellationToken).ConfigureAwait(false);
                    slot.Succeeded();
                }
                catch (Exception e) when (e is IOException and not OutputWriteException or TimeoutException or System.Net.Sockets.SocketException
                    && !cancellationToken.IsCancellationRequested)
                {
                    _log.LogWarning("Connection lost ({Message}); reconnecting and retrying {Count} articles", e.Message, pending.Count);
                    Requeue(pending);
                    if (!await slot.FailedAsync(progressed: pending.Count < batch.Count, cancellationToken).ConfigureAwait(false))
                        throw;
                }
            }
        }
        finally
        {
            if (cancellationToken.IsCancellationRequested)
                slot.Cancelled();
        }
    }

    /// <summary>Fetches the batch in runs of the same command; removes each article from <paramref name="pending"/> once handled.</summary>
    private async Task FetchAsync(NntpClient client, ArticleDecoder decoder, YencFileRegistry registry, Queue<ArticleWork> pending, CancellationToken cancellationToken)
    {
        while (pending.Count > 0)
        {
            var bodyOnly = pending.Peek().BodyOnly;
            var run = pending.TakeWhile(w => w.BodyOnly == bodyOnly).ToList();
            var ids = run.Select(w => ArticleId.ByMessageId(w.MessageId)).ToList();
            var index = 0;
            await foreach (var response in client.PipelineAsync(bodyOnly ? "BODY" : "ARTICLE", ids, _options.PipelineDepth, rawBodies: bodyOnly, cancellationToken).ConfigureAwait(false))
            {
                var work = run[index++];
                if (response.Body is null)
                {
                    Interlocked.Increment(ref _report.ArticlesFailed);
                    _report.Warn($"{work.Group} {work.Number} {work.MessageId}: {response.Reply.Code} {response.Reply.Text}");
                }
                else if (await TryDecodeAsync(decoder, work, response.Body, !bodyOnly, cancellationToken).ConfigureAwait(false) is { } outcome)
                {
                    var bytes = response.Body.BytesRead;
                    Interlocked.Add(ref _report.BytesReceived, bytes);
                    Interlocked.Increment(ref _report.ArticlesFetched);
                    var total = Interlocked.Add(ref _received, bytes);
                    Record(work, outcome, registry);
                    _progress?.Report(new RobotProgress("article", outcome.YencFile?.Assembler.FileName, bytes, null, total, _totalExpected));
                }
                pending.Dequeue();
            }
        }
    }

    /// <summary>
    /// Decodes one article. Content that cannot be parsed (a header block MimeKit rejects, ...) fails
    /// that article alone; the rest of the body is skipped so the connection stays in step.
    /// </summary>
    private async Task<ArticleDecoder.Outcome?> TryDecodeAsync(ArticleDecoder decoder, ArticleWork work, NntpBody body, bool hasHeaders, CancellationToken cancellationToken)
    {
        try
        {
            return await decoder.DecodeAsync(work, body.Content, hasHeaders, body.IsDotStuffed, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or ArgumentException)
        {
            Interlocked.Increment(ref _report.ArticlesFailed);
            _report.Warn($"{work.Group} {work.Number} {work.MessageId}: cannot decode: {e.Message}");
            return null;
        }
        finally
        {
            await body.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Record(ArticleWork work, ArticleDecoder.Outcome outcome, YencFileRegistry registry)
    {
        if (outcome.YencFile is { } entry)
        {
            if (outcome.FileComplete && registry.Finish(entry) is { } result)
                Report(result, entry, "yenc", registry);
            return;
        }
        foreach (var file in outcome.Files)
            _report.Add(ToReport(file, outcome.Kind.ToString().ToLowerInvariant(), work.Group));
        _finished([(work.Group, work.Number)]);
    }

    private void Report(AssemblyResult result, YencFileRegistry.Entry entry, string kind, YencFileRegistry registry)
    {
        _report.Add(ToReport(result, kind, entry.Group));
        _progress?.Report(new RobotProgress("file", result.FileName, result.Size, result.Size, Interlocked.Read(ref _received), _totalExpected));
        _finished(registry.ArticlesOf(entry).Select(n => (entry.Group, n)).ToList());
    }

    /// <summary>Ends every file still open at the end of a run that was not stopped: kept aside as incomplete.</summary>
    public void FinishIncomplete(YencFileRegistry registry)
    {
        foreach (var entry in registry.Unfinished())
        {
            if (registry.Finish(entry) is { } result)
                Report(result, entry, "yenc", registry);
        }
    }

    private static FileReport ToReport(AssemblyResult r, string kind, string group) =>
        new(r.FileName, r.Path, r.Size, r.Crc32, r.Status, kind, r.PartsFound.Count, r.PartsMissing, group);

    private List<ArticleWork> TakeBatch()
    {
        var batch = new List<ArticleWork>();
        lock (_queueGate)
        {
            while (batch.Count < _options.PipelineDepth * 2 && _queue.Count > 0)
                batch.Add(_queue.Dequeue());
        }
        return batch;
    }

    /// <summary>
    /// Puts the articles of a broken batch back. Only the first one was in flight when the
    /// connection failed, so only it is charged an attempt.
    /// </summary>
    private void Requeue(IEnumerable<ArticleWork> articles)
    {
        lock (_queueGate)
        {
            var first = true;
            foreach (var work in articles)
            {
                if (first)
                    _attempts[work] = _attempts.GetValueOrDefault(work) + 1;
                first = false;
                if (_attempts.GetValueOrDefault(work) < MaxAttempts)
                {
                    _queue.Enqueue(work);
                }
                else
                {
                    Interlocked.Increment(ref _report.ArticlesFailed);
                    _report.Warn($"{work.Group} {work.Number} {work.MessageId}: gave up after {MaxAttempts} attempts");
                }
            }
        }
    }
}
