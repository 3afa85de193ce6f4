namespace Inet.News.Par2;

/// <summary>Options for <see cref="Par2Repairer.RepairAsync"/>.</summary>
public sealed record Par2RepairOptions
{
    /// <summary>Kill par2 after this long (default one hour).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Pass <c>-p</c>: delete backups and .par2 files after a successful repair.</summary>
    public bool PurgeOnSuccess { get; init; }

    /// <summary>More files (relative to the folder) for par2 to scan for data, e.g. renamed copies.</summary>
    public IReadOnlyList<string> ExtraFiles { get; init; } = [];

    /// <summary>How many trailing output lines to keep in the result.</summary>
    public int MaxOutputLines { get; init; } = 100;

    /// <summary>Defaults.</summary>
    public static Par2RepairOptions Default { get; } = new();
}
