using Inet.Codecs;
using Inet.Nntp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inet.News.Robot;

/// <summary>
/// The news robot: for each group, reads the overview from where the last run stopped, picks
/// articles with the filters, groups them into files, downloads bodies over several pipelined
/// connections while decoding them into place, and records what is finished so that a re-run
/// never fetches an article twice nor skips one that was not completed.
/// </summary>
public sealed class NewsRobot
{
    private readonly NewsRobotOptions _options;
    private readonly ILogger _log;
    private readonly Lock _stateGate = new();
    private RobotState _state = new();

    public NewsRobot(NewsRobotOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Connections, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PipelineDepth, 1);
        _options = options;
        _log = options.Logger ?? NullLogger.Instance;
    }

    /// <summary>Runs once over every group. Cancelling stops cleanly: finished files and the state are kept.</summary>
    public async Task<RobotReport> RunAsync(IProgress<RobotProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = DateTimeOffset.UtcNow;
        var report = new RobotReport();
        Directory.CreateDirectory(_options.OutputDirectory);
        _state = RobotStateStore.Load(_options.StatePath);
        using var registry = new YencFileRegistry(_options.OutputDirectory, _options.DirectWrites, _options.WriteFault);
        var downloader = new RobotDownloader(_options, report, progress, _log, OnArticleFinished);
        var stoppedByOutput = false;
        try
        {
            var held = PartialFiles.Resume(_state, _options, registry, report);
            var work = await PlanAsync(report, held, cancellationToken).ConfigureAwait(false);
            if (work.Count > 0)
                await downloader.RunAsync(work, registry, cancellationToken).ConfigureAwait(false);
            downloader.FinishIncomplete(registry);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            report.Cancelled = true;
        }
        catch (OutputWriteException)
        {
            stoppedByOutput = true; // like a cancel: half-assembled files are kept for the next run
            throw;
        }
        finally
        {
            lock (_stateGate)
            {
                if (report.Cancelled || stoppedByOutput)
                    PartialFiles.Keep(_state, _options, registry);
                SaveStateLocked();
            }
            report.Elapsed = DateTimeOffset.UtcNow - started;
        }
        return report;
    }

    /// <summary>
    /// Reads the overview of every group and returns the articles to fetch, grouped by file. Articles in
    /// <paramref name="held"/> are already in a resumed partial file: neither fetched nor finished until the file is.
    /// </summary>
    private async Task<List<List<ArticleWork>>> PlanAsync(RobotReport report, IReadOnlySet<(string Group, long Number)> held, CancellationToken cancellationToken)
    {
        var plan = new List<List<ArticleWork>>();
        var server = _options.Server.Connection;
        await using var client = await NntpClient.ConnectAsync(_options.Server, cancellationToken).ConfigureAwait(false);
        foreach (var groupName in _options.Groups)
        {
            var group = await client.GroupAsync(groupName, cancellationToken).ConfigureAwait(false);
            var state = _state.For(server.Host, server.Port, groupName);
            lock (_stateGate)
                CheckNumbering(state, group, report);
            if (group.Count == 0 || group.Last <= state.Done)
                continue;
            var from = Math.Max(state.Done + 1, group.First);
            var to = _options.MaxArticles > 0 ? Math.Min(group.Last, from + _options.MaxArticles - 1) : group.Last;
            var selected = new List<OverviewRecord>();
            var now = DateTimeOffset.UtcNow;
            await foreach (var record in ReadOverviewAsync(client, from, to, cancellationToken).ConfigureAwait(false))
            {
                Interlocked.Increment(ref report.ArticlesSeen);
                if (state.IsDone(record.Number) || held.Contains((groupName, record.Number)))
                {
                    Interlocked.Increment(ref report.ArticlesSkipped);
                }
                else if (!_options.Filter.Matches(record, now))
                {
                    Interlocked.Increment(ref report.ArticlesSkipped);
                }
                else
                {
                    selected.Add(record);
                }
            }
            lock (_stateGate)
            {
                // Every number of the range that is not to be fetched is finished: skipped by the
                // filters, or without an overview line (expired, cancelled).
                var wanted = selected.Select(r => r.Number).ToHashSet();
                for (var n = from; n <= to; n++)
                {
                    if (!wanted.Contains(n) && !held.Contains((groupName, n)))
                        state.MarkDone(n);
                }
                state.HighWater = group.Last;
            }
            plan.AddRange(ArticleGrouper.Group(groupName, selected));
            _log.LogInformation("{Group}: {Selected} articles to fetch in {Files} files", groupName, selected.Count, plan.Count);
        }
        SaveState();
        return plan;
    }

    /// <summary>OVER/XOVER, or HEAD per article when the server has no overview at all.</summary>
    private static async IAsyncEnumerable<OverviewRecord> ReadOverviewAsync(NntpClient client, long from, long to,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        IAsyncEnumerator<OverviewRecord>? over = null;
        var fallback = false;
        try
        {
            over = client.OverAsync(ArticleRange.Between(from, to), cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                bool more;
                try
                {
                    more = await over.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Inet.Core.ProtocolException e) when (e.Code is 500 or 502 or 503)
                {
                    fallback = true;
                    break;
                }
                catch (NntpNoSuchArticleException)
                {
                    break; // 420/423: no articles in that range
                }
                if (!more)
                    break;
                yield return over.Current;
            }
        }
        finally
        {
            if (over is not null)
                await over.DisposeAsync().ConfigureAwait(false);
        }
        if (!fallback)
            yield break;
        await foreach (var record in HeadOverview.ReadAsync(client, from, to, cancellationToken).ConfigureAwait(false))
            yield return record;
    }

    private static void CheckNumbering(GroupState state, GroupInfo group, RobotReport report)
    {
        if (state.Done > group.Last && group.Count > 0 || state.HighWater > group.Last)
        {
            report.Warn($"{group.Name}: the server's high-water mark {group.Last} is below the {Math.Max(state.Done, state.HighWater)} seen before; the group was renumbered, so it is read again from its first article.");
            state.Done = group.First - 1;
            state.DoneAbove.Clear();
        }
    }

    /// <summary>Marks articles finished in the state and saves it (called as files complete).</summary>
    private void OnArticleFinished(IReadOnlyCollection<(string Group, long Number)> articles)
    {
        var server = _options.Server.Connection;
        lock (_stateGate)
        {
            foreach (var (group, number) in articles)
                _state.For(server.Host, server.Port, group).MarkDone(number);
            RobotStateStore.Save(_state, _options.StatePath);
        }
    }

    private void SaveState()
    {
        lock (_stateGate)
            SaveStateLocked();
    }

    private void SaveStateLocked() => RobotStateStore.Save(_state, _options.StatePath);
}
