using System.Diagnostics;
using System.IO.Compression;

namespace Inet.IntegrationTests.Packaging;

/// <summary>
/// Runs scripts/pack.sh once into a temporary folder and installs the tool from it as a user would
/// (`dotnet tool install --configfile OUTDIR/nuget.config`, into a tool path of its own).
/// </summary>
public sealed class PackagedTool : IDisposable
{
    public PackagedTool()
    {
        Root = Path.Combine(Path.GetTempPath(), "inet-pack-" + Guid.NewGuid().ToString("N"));
        Packages = Path.Combine(Root, "packages");
        var tools = Path.Combine(Root, "tools");
        RepositoryRoot = FindRepositoryRoot();
        PackLog = Run(Path.Combine(RepositoryRoot, "scripts", "pack.sh"), [Packages], timeout: TimeSpan.FromMinutes(20)).Output;
        Run("dotnet", ["tool", "install", "--tool-path", tools, "--configfile", Path.Combine(Packages, "nuget.config"), "Inet.Cli"]);
        Inet = Path.Combine(tools, "inet");
    }

    public string Root { get; }
    public string Packages { get; }
    public string RepositoryRoot { get; }
    public string PackLog { get; }

    /// <summary>The installed command.</summary>
    public string Inet { get; }

    /// <summary>Extracts one file of a package into the temporary folder and returns its path.</summary>
    public string Extract(string package, string entryPath)
    {
        using var zip = ZipFile.OpenRead(Path.Combine(Packages, package));
        var entry = zip.GetEntry(entryPath) ?? throw new FileNotFoundException($"{entryPath} is not in {package}");
        var target = Path.Combine(Root, "extracted", package, entryPath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        entry.ExtractToFile(target, overwrite: true);
        return target;
    }

    /// <summary>Runs a program to its end; throws with its output when it exits non-zero.</summary>
    public static (string Output, int ExitCode) Run(string program, IEnumerable<string> arguments,
        IDictionary<string, string>? environment = null, string? workingDirectory = null, bool check = true, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish");
        }
        var output = stdout.GetAwaiter().GetResult() + stderr.GetAwaiter().GetResult();
        if (check && process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{output}");
        return (output, process.ExitCode);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Inet.sln")))
                return dir.FullName;
        throw new DirectoryNotFoundException("no Inet.sln above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
