namespace Inet.Tests.Fakes;

/// <summary>What a <see cref="FakeFtpServer"/> saw, for tests to assert on. Thread-safe.</summary>
public sealed class FakeFtpStats
{
    private readonly Lock _gate = new();
    private readonly List<string> _commands = [];
    private readonly Dictionary<string, int> _retrieves = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _stores = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<long>> _restarts = new(StringComparer.Ordinal);
    private int _sessions;
    private int _transfers;

    /// <summary>Control connections accepted.</summary>
    public int Connections { get; private set; }

    public int MaxConcurrentSessions { get; private set; }

    /// <summary>The most RETR/STOR/APPE running at one moment.</summary>
    public int MaxConcurrentTransfers { get; private set; }

    /// <summary>Every command line received (PASS arguments masked), in arrival order over all sessions.</summary>
    public IReadOnlyList<string> Commands
    {
        get { lock (_gate) return [.. _commands]; }
    }

    /// <summary>RETRs of an absolute path (as named, links not followed), 550s included.</summary>
    public int Retrieves(string path)
    {
        lock (_gate) return _retrieves.GetValueOrDefault(path);
    }

    /// <summary>STORs and APPEs of an absolute path.</summary>
    public int Stores(string path)
    {
        lock (_gate) return _stores.GetValueOrDefault(path);
    }

    public int TotalRetrieves
    {
        get { lock (_gate) return _retrieves.Values.Sum(); }
    }

    public int TotalStores
    {
        get { lock (_gate) return _stores.Values.Sum(); }
    }

    /// <summary>The REST offsets that preceded transfers of <paramref name="path"/>.</summary>
    public IReadOnlyList<long> RestOffsets(string path)
    {
        lock (_gate) return _restarts.TryGetValue(path, out var list) ? [.. list] : [];
    }

    /// <summary>Commands whose verb is <paramref name="verb"/> (any case).</summary>
    public int Count(string verb) =>
        Commands.Count(c => c.Split(' ')[0].Equals(verb, StringComparison.OrdinalIgnoreCase));

    internal void Command(string line)
    {
        lock (_gate) _commands.Add(line);
    }

    /// <summary>Control connections turned away with 421 (over <see cref="FakeFtpServer.MaxSessions"/>).</summary>
    public int Refused { get; private set; }

    /// <summary>Counts a new session, or a refusal when <paramref name="maxSessions"/> are running already.</summary>
    internal bool TrySessionStarted(int maxSessions)
    {
        lock (_gate)
        {
            if (_sessions >= maxSessions)
            {
                Refused++;
                return false;
            }
            Connections++;
            MaxConcurrentSessions = Math.Max(MaxConcurrentSessions, ++_sessions);
            return true;
        }
    }

    internal void SessionEnded()
    {
        lock (_gate) _sessions--;
    }

    internal void Transfer(string verb, string path, long restOffset)
    {
        lock (_gate)
        {
            var counts = verb == "RETR" ? _retrieves : _stores;
            counts[path] = counts.GetValueOrDefault(path) + 1;
            if (restOffset > 0)
            {
                if (!_restarts.TryGetValue(path, out var list))
                    _restarts[path] = list = [];
                list.Add(restOffset);
            }
        }
    }

    internal void DataStarted()
    {
        lock (_gate) MaxConcurrentTransfers = Math.Max(MaxConcurrentTransfers, ++_transfers);
    }

    internal void DataEnded()
    {
        lock (_gate) _transfers--;
    }
}
