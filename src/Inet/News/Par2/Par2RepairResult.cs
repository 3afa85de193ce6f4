namespace Inet.News.Par2;

/// <summary>What running <c>par2 repair</c> produced.</summary>
/// <param name="Status">Typed outcome.</param>
/// <param name="ExitCode">The process exit code, or null when it was not run or was killed.</param>
/// <param name="Output">The last lines par2 printed (stdout and stderr), bounded.</param>
/// <param name="Message">Why the repair was refused or failed to start, else null.</param>
public sealed record Par2RepairResult(Par2RepairStatus Status, int? ExitCode, IReadOnlyList<string> Output, string? Message)
{
    /// <summary>True when every file verifies afterwards.</summary>
    public bool Succeeded => Status is Par2RepairStatus.Repaired or Par2RepairStatus.AlreadyOk;
}
