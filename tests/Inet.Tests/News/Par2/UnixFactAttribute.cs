namespace Inet.Tests.News.Par2;

/// <summary>A fact that runs small shell scripts as fake tools (not on Windows).</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
            Skip = "uses /bin/sh scripts as stand-in executables";
    }
}
