namespace Inet.News.Par2;

/// <summary>Outcome of <see cref="Par2Repairer.RepairAsync"/>. Values from <see cref="NotRepairable"/>
/// on mirror par2cmdline's exit codes 2-8.</summary>
public enum Par2RepairStatus
{
    /// <summary>Exit 0 after repairing: every file now verifies.</summary>
    Repaired,
    /// <summary>Exit 0 with nothing to do: every file already verified.</summary>
    AlreadyOk,
    /// <summary>Exit 1: repair is possible but was not done (par2 only reports this when verifying).</summary>
    RepairPossible,
    /// <summary>Exit 2: not enough recovery data.</summary>
    NotRepairable,
    /// <summary>Exit 3: par2 rejected its command line (e.g. the .par2 file is not a PAR2 file).</summary>
    InvalidArguments,
    /// <summary>Exit 4: the critical packets (main, file descriptions) could not be read.</summary>
    InsufficientCriticalData,
    /// <summary>Exit 5: repair ran but the result did not verify.</summary>
    RepairFailed,
    /// <summary>Exit 6: a file could not be read or written.</summary>
    FileIoError,
    /// <summary>Exit 7 or 8: internal or out-of-memory error in par2, or any other exit code.</summary>
    ToolError,
    /// <summary>The par2 executable could not be started.</summary>
    ToolNotFound,
    /// <summary>The timeout elapsed; the process was killed.</summary>
    TimedOut,
    /// <summary>Not run: a path (the .par2 file, an extra file, or a name inside the set) is outside the folder.</summary>
    Refused,
}
