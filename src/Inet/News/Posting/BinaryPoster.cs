using System.Collections.Concurrent;
using Inet.Nntp;
using Microsoft.Extensions.Logging;

namespace Inet.News.Posting;

/// <summary>
/// Posts files to Usenet as yEnc, uu or MIME articles: splits them into parts, streams each
/// article from the file while sending it, retries dropped parts, and reports every part.
/// Several connections take parts from one queue in file order.
/// </summary>
public sealed class BinaryPoster
{
    private readonly Func<CancellationToken, Task<NntpClient>> _connect;
    private readonly BinaryPostOptions _options;
    private readonly ILogger? _logger;

    /// <summary>Posts through connections opened with <paramref name="server"/> (credentials there answer a 480).</summary>
    public BinaryPoster(NntpClientOptions server, BinaryPostOptions options, ILogger? logger = null)
        : this(ConnectWith(server), options, logger)
    {
    }

    /// <summary>Posts through connections from <paramref name="connect"/>, called once per worker and again after each drop.</summary>
    public BinaryPoster(Func<CancellationToken, Task<NntpClient>> connect, BinaryPostOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(connect);
        PostOptionsValidator.Validate(options);
        _connect = connect;
        _options = options;
        _logger = logger;
    }

    private static Func<CancellationToken, Task<NntpClient>> ConnectWith(NntpClientOptions server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return ct => NntpClient.ConnectAsync(server, ct);
    }

    /// <summary>The options in use.</summary>
    public BinaryPostOptions Options => _options;

    /// <summary>
    /// Posts <paramref name="files"/> and returns one result per file, in order. Refused parts are
    /// reported and skipped (or stop the run with <see cref="BinaryPostOptions.StopOnRefusal"/>); a part
    /// that fails after its retries, or an authentication failure, stops the run. Unsent parts are
    /// <see cref="PartPostStatus.NotPosted"/>. <paramref name="progress"/> hears of each finished part.
    /// </summary>
    public async Task<IReadOnlyList<PostResult>> PostAsync(IReadOnlyList<string> files, IProgress<PostedPart>? progress = null, CancellationToken cancellationToken = default)
    {
        var plans = await PostPlanner.PlanAsync(files, _options, cancellationToken).ConfigureAwait(false);
        var queue = new ConcurrentQueue<int>(Enumerable.Range(0, plans.Count));
        var done = new PostedPart?[plans.Count];
        var dates = new DateTimeOffset?[plans.Count];
        var run = new RunState();
        var poster = new PartPoster(_options, _logger);
        var workers = Enumerable.Range(0, Math.Min(_options.Connections, plans.Count))
            .Select(worker => WorkAsync(worker, poster, plans, queue, done, dates, run, progress, cancellationToken)).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        return Collect(plans, done, dates);
    }

    private async Task WorkAsync(int worker, PartPoster poster, IReadOnlyList<PartPlan> plans, ConcurrentQueue<int> queue, PostedPart?[] done,
        DateTimeOffset?[] dates, RunState run, IProgress<PostedPart>? progress, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var connection = new PostConnection(_connect);
        await using (connection.ConfigureAwait(false))
        {
            // Connect before taking a part, the first worker first: an extra connection the server
            // turns away (400, too many connections) leaves the queue to the others instead of failing a part.
            if (worker == 0)
            {
                try
                {
                    await TryConnectAsync(connection, worker, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    run.FirstConnectionTried();
                }
            }
            else if (!await run.WaitForFirstConnectionAsync(cancellationToken).ConfigureAwait(false)
                || !await TryConnectAsync(connection, worker, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
            while (!run.Stopped && queue.TryDequeue(out var index))
            {
                var plan = plans[index];
                var result = await poster.PostAsync(connection, plan, d => dates[index] = d, cancellationToken).ConfigureAwait(false);
                done[index] = result;
                progress?.Report(result);
                if (result.Status == PartPostStatus.Failed || (result.Status == PartPostStatus.Refused && _options.StopOnRefusal))
                    run.Stop();
            }
        }
    }

    private async Task<bool> TryConnectAsync(PostConnection connection, int worker, CancellationToken cancellationToken)
    {
        try
        {
            await connection.GetAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or TimeoutException or Inet.Core.ProtocolException)
        {
            // The first worker retries when it takes a part; the others stand down.
            _logger?.LogWarning("Connection {Worker} not opened: {Error}", worker + 1, e.Message);
            return false;
        }
    }

    private IReadOnlyList<PostResult> Collect(IReadOnlyList<PartPlan> plans, PostedPart?[] done, DateTimeOffset?[] dates)
    {
        var results = new List<PostResult>();
        foreach (var group in plans.Select((plan, index) => (plan, index)).GroupBy(p => p.plan.File))
        {
            var parts = group.Select(p => done[p.index] ?? NotPosted(p.plan)).ToList();
            var first = group.First();
            var date = group.Select(p => dates[p.index]).FirstOrDefault(d => d is not null) ?? DateTimeOffset.UtcNow;
            results.Add(new PostResult(group.Key.Path, group.Key.Name, group.Key.Size, group.Key.Crc32, first.plan.Subject,
                _options.From, _options.Newsgroups, date, parts));
        }
        return results;
    }

    private static PostedPart NotPosted(PartPlan plan) =>
        new(plan.File.Name, plan.Number, plan.Total, plan.MessageId, plan.Offset, plan.Length, 0, PartPostStatus.NotPosted, 0);

    /// <summary>What the workers share: the stop flag and whether the first connection was tried.</summary>
    private sealed class RunState
    {
        private readonly TaskCompletionSource _firstTried = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool _stopped;

        public bool Stopped => _stopped;

        public void Stop() => _stopped = true;

        public void FirstConnectionTried() => _firstTried.TrySetResult();

        /// <summary>Waits for the first worker's connection attempt; false when the run already stopped.</summary>
        public async Task<bool> WaitForFirstConnectionAsync(CancellationToken cancellationToken)
        {
            await _firstTried.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return !_stopped;
        }
    }
}
