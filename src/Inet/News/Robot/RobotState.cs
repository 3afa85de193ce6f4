namespace Inet.News.Robot;

/// <summary>
/// Where the robot stopped in one group of one server: every article up to <see cref="Done"/>
/// is finished (fetched, or skipped by the filters), and so are the numbers in
/// <see cref="DoneAbove"/>. Anything else above <see cref="Done"/> is still to do.
/// </summary>
public sealed class GroupState
{
    public long Done { get; set; }

    public SortedSet<long> DoneAbove { get; init; } = [];

    /// <summary>The group's high-water mark seen last time (to notice a renumbered group).</summary>
    public long HighWater { get; set; }

    public bool IsDone(long number) => number <= Done || DoneAbove.Contains(number);

    /// <summary>Marks an article finished and folds the contiguous run into <see cref="Done"/>.</summary>
    public void MarkDone(long number)
    {
        if (number <= Done)
            return;
        DoneAbove.Add(number);
        Fold();
    }

    /// <summary>Marks every number up to <paramref name="number"/> finished (nothing to do below it).</summary>
    public void MarkDoneThrough(long number)
    {
        if (number <= Done)
            return;
        Done = number;
        DoneAbove.RemoveWhere(n => n <= number);
        Fold();
    }

    private void Fold()
    {
        while (DoneAbove.Count > 0 && DoneAbove.Min == Done + 1)
        {
            Done++;
            DoneAbove.Remove(Done);
        }
    }
}

/// <summary>All groups of all servers the robot follows, keyed "host:port/group".</summary>
public sealed class RobotState
{
    public Dictionary<string, GroupState> Groups { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Files a stopped run left half assembled, by file name.</summary>
    public Dictionary<string, PartialFile> Partial { get; init; } = new(StringComparer.Ordinal);

    public static string ServerKey(string host, int port) => $"{host.ToLowerInvariant()}:{port}";

    public static string Key(string host, int port, string group) => $"{host.ToLowerInvariant()}:{port}/{group}";

    public GroupState For(string host, int port, string group)
    {
        var key = Key(host, port, group);
        if (!Groups.TryGetValue(key, out var state))
            Groups[key] = state = new GroupState();
        return state;
    }
}
