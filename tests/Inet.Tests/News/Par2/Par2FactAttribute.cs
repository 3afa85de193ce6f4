namespace Inet.Tests.News.Par2;

/// <summary>A fact that needs par2cmdline: skipped with a reason when it is missing, unless CI is true or 1.</summary>
public sealed class Par2FactAttribute : FactAttribute
{
    public Par2FactAttribute()
    {
        if (!Par2Tool.Installed && !Par2Tool.IsCi)
            Skip = "par2 (par2cmdline) is not installed: apt-get install -y par2 (with CI=true or CI=1 these tests fail instead)";
    }
}
