namespace Inet.News.Download;

/// <summary>
/// One queue of segments per server. Every segment is in exactly one place at a time (a queue or one
/// connection's batch), so a retry can never fetch it twice. A segment a server fails moves to the
/// next server still alive; when none is left it is handed back as finally failed.
/// </summary>
internal sealed class SegmentScheduler : IDisposable
{
    private static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(250);
    private readonly TimeSpan _pollInterval;
    private readonly Lock _gate = new();
    private readonly Queue<SegmentWork>[] _queues;
    private readonly SemaphoreSlim[] _signals;
    private readonly bool[] _dead;
    private readonly int[] _liveWorkers;
    private readonly int[] _connections;
    private readonly int _maxAttempts;
    private int _outstanding;

    public SegmentScheduler(IReadOnlyList<DownloadServer> servers, int maxAttempts, TimeSpan? pollInterval = null)
    {
        _pollInterval = pollInterval ?? DefaultPollInterval;
        _queues = servers.Select(_ => new Queue<SegmentWork>()).ToArray();
        _signals = servers.Select(_ => new SemaphoreSlim(0)).ToArray();
        _dead = new bool[servers.Count];
        _liveWorkers = servers.Select(s => s.Connections).ToArray();
        _connections = [.. _liveWorkers];
        _maxAttempts = maxAttempts;
    }

    /// <summary>Queues a new segment for the first server.</summary>
    public void Add(SegmentWork work)
    {
        lock (_gate)
        {
            _outstanding++;
            work.Server = 0;
            _queues[0].Enqueue(work);
        }
    }

    /// <summary>Counts a segment that cannot be fetched at all (the caller fails it at once).</summary>
    public void AddUnfetchable()
    {
        lock (_gate)
            _outstanding++;
    }

    /// <summary>Up to <paramref name="max"/> segments for a connection of <paramref name="server"/>.</summary>
    public List<SegmentWork> Take(int server, int max)
    {
        var batch = new List<SegmentWork>();
        lock (_gate)
        {
            while (batch.Count < max && _queues[server].TryDequeue(out var work))
                batch.Add(work);
        }
        return batch;
    }

    /// <summary>True when no more work can come to <paramref name="server"/>: the job is done or the server was dropped.</summary>
    public bool IsFinished(int server)
    {
        lock (_gate)
            return _outstanding == 0 || _dead[server];
    }

    /// <summary>Waits until work may have arrived for <paramref name="server"/> (or a short poll interval passes).</summary>
    public Task WaitAsync(int server, CancellationToken cancellationToken) =>
        _signals[server].WaitAsync(_pollInterval, cancellationToken);

    /// <summary>The segment is finished (delivered, or finally failed by the caller).</summary>
    public void Completed()
    {
        bool allDone;
        lock (_gate)
            allDone = --_outstanding == 0;
        if (allDone)
            WakeAll();
    }

    /// <summary>
    /// Moves a segment that <paramref name="server"/> failed to the next live server. Returns false when
    /// there is none: the segment is finally failed and the caller must finish it (which calls <see cref="Completed"/>).
    /// </summary>
    public bool Failover(SegmentWork work, int server, SegmentFailure reason)
    {
        if (reason == SegmentFailure.Damaged || work.Failure == SegmentFailure.None || work.Failure == SegmentFailure.Connection)
            work.Failure = reason;
        int next;
        lock (_gate)
        {
            next = NextLive(server);
            if (next >= 0)
            {
                work.Server = next;
                work.Attempts = 0;
                _queues[next].Enqueue(work);
            }
        }
        if (next >= 0)
            _signals[next].Release();
        return next >= 0;
    }

    /// <summary>
    /// Puts back the unfinished batch of a dropped connection. Only the first segment was being read, so only it is
    /// charged an attempt; one that used up its attempts moves to the next server if there is one. On the last server
    /// it stays: it is given up only when the server's connections give up (see <see cref="WorkerGaveUp"/>).
    /// </summary>
    public void Requeue(int server, IReadOnlyCollection<SegmentWork> pending)
    {
        var first = true;
        foreach (var work in pending)
        {
            var charged = first && ++work.Attempts >= _maxAttempts;
            first = false;
            bool hasNext;
            lock (_gate)
                hasNext = NextLive(server) >= 0;
            if (charged && hasNext && Failover(work, server, SegmentFailure.Connection))
                continue;
            lock (_gate)
                _queues[server].Enqueue(work);
        }
        _signals[server].Release(pending.Count);
    }

    /// <summary>
    /// A connection of <paramref name="server"/> gave up. When it was the last one, the server is dropped and its
    /// queue moves on; returns the segments that finally failed because no server is left.
    /// </summary>
    public List<SegmentWork> WorkerGaveUp(int server, out bool serverDropped)
    {
        List<SegmentWork> orphans;
        lock (_gate)
        {
            serverDropped = --_liveWorkers[server] == 0;
            if (!serverDropped)
                return [];
            _dead[server] = true;
            orphans = [.. _queues[server]];
            _queues[server].Clear();
        }
        return orphans.Where(w => !Failover(w, server, SegmentFailure.Connection)).ToList();
    }

    private int NextLive(int server)
    {
        for (var i = server + 1; i < _dead.Length; i++)
        {
            if (!_dead[i])
                return i;
        }
        return -1;
    }

    // Every idle connection of every server, not just one each: the rest would sleep out their poll interval.
    private void WakeAll()
    {
        for (var i = 0; i < _signals.Length; i++)
            _signals[i].Release(Math.Max(1, _connections[i]));
    }

    public void Dispose()
    {
        foreach (var signal in _signals)
            signal.Dispose();
    }
}
