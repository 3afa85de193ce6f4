using System.ComponentModel;
using System.Diagnostics;

namespace Inet.News.Par2;

/// <summary>
/// Runs the external <c>par2</c> (par2cmdline) to repair a download folder. No shell is used:
/// arguments go through <see cref="ProcessStartInfo.ArgumentList"/>, file names follow <c>--</c>,
/// the working directory is the folder, and nothing outside the folder is ever named.
/// </summary>
public sealed class Par2Repairer(string executable = "par2")
{
    private const int MaxLineLength = 500;

    /// <summary>True when <paramref name="executable"/> is a path to a file, or is found on PATH.</summary>
    public static bool IsToolAvailable(string executable = "par2")
    {
        ArgumentNullException.ThrowIfNull(executable);
        if (executable.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
            return File.Exists(executable);
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        string[] suffixes = OperatingSystem.IsWindows() ? [".exe", ""] : [""];
        return dirs.Any(d => suffixes.Any(s => File.Exists(Path.Combine(d, executable + s))));
    }

    /// <summary>
    /// Repairs the set described by <paramref name="par2File"/> (relative to <paramref name="folder"/>,
    /// or a full path inside it). The set is read natively first; if any stored file name would leave
    /// the folder, par2 is not run. Cancellation kills the process and throws.
    /// </summary>
    public async Task<Par2RepairResult> RepairAsync(string folder, string par2File, Par2RepairOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(par2File);
        options ??= Par2RepairOptions.Default;
        var root = FolderPath.Normalize(folder);
        var refusal = await CheckPathsAsync(root, par2File, options, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
            return new Par2RepairResult(Par2RepairStatus.Refused, null, [], refusal);

        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = root,
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["LC_ALL"] = "C";
        start.ArgumentList.Add("repair");
        start.ArgumentList.Add("-q");
        if (options.PurgeOnSuccess)
            start.ArgumentList.Add("-p");
        start.ArgumentList.Add("-B" + root);
        start.ArgumentList.Add("--");
        start.ArgumentList.Add(Relative(root, par2File));
        foreach (var extra in options.ExtraFiles)
            start.ArgumentList.Add(Relative(root, extra));

        return await RunAsync(start, options, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string?> CheckPathsAsync(string root, string par2File, Par2RepairOptions options, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(root))
            return "The folder does not exist";
        var par2Path = Inside(root, par2File);
        if (par2Path is null || !File.Exists(par2Path))
            return $"The .par2 file \"{par2File}\" is not a file inside the folder";
        foreach (var extra in options.ExtraFiles)
        {
            if (Inside(root, extra) is null)
                return $"The extra file \"{extra}\" is not inside the folder";
        }
        try
        {
            await Par2Reader.ReadSetAsync(par2Path, cancellationToken).ConfigureAwait(false);
        }
        catch (Par2FormatException e)
        {
            return $"The set cannot be read, so its file names cannot be checked: {e.Message}";
        }
        // par2 loads the sibling volumes and any .par2 given as an extra file; check every name in
        // every set they hold, not just the set we would pick.
        var sources = Par2Reader.FindVolumes(par2Path).Concat(options.ExtraFiles
            .Where(e => e.EndsWith(".par2", StringComparison.OrdinalIgnoreCase)).Select(e => Inside(root, e)!));
        var names = await Par2Reader.ReadAllFileNamesAsync(sources, cancellationToken).ConfigureAwait(false);
        var unsafeName = names.FirstOrDefault(n => FolderPath.ResolveInside(root, n) is null);
        return unsafeName is null ? null : $"The set names a file outside the folder or behind a link: \"{unsafeName}\"";
    }

    /// <summary>Full path of a name given relative to the folder or as a full path inside it, else null.</summary>
    private static string? Inside(string root, string name)
    {
        if (Path.IsPathFullyQualified(name))
        {
            var full = Path.GetFullPath(name);
            return FolderPath.ResolveInside(root, Path.GetRelativePath(root, full)) is not null ? full : null;
        }
        return FolderPath.ResolveInside(root, name);
    }

    private static string Relative(string root, string name) => Path.GetRelativePath(root, Inside(root, name)!);

    private static async Task<Par2RepairResult> RunAsync(ProcessStartInfo start, Par2RepairOptions options, CancellationToken cancellationToken)
    {
        var output = new Queue<string>();
        void Collect(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
                return;
            lock (output)
            {
                output.Enqueue(e.Data.Length > MaxLineLength ? e.Data[..MaxLineLength] : e.Data);
                while (output.Count > Math.Max(1, options.MaxOutputLines))
                    output.Dequeue();
            }
        }
        string[] Lines() { lock (output) return [.. output]; }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return new Par2RepairResult(Par2RepairStatus.ToolNotFound, null, [], $"Cannot start \"{start.FileName}\": {e.Message}");
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await KillAsync(process).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return new Par2RepairResult(Par2RepairStatus.TimedOut, null, Lines(), $"par2 did not finish within {options.Timeout}");
        }
        // The exit-wait above does not wait for the redirected streams to drain; this does.
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        var lines = Lines();
        return new Par2RepairResult(Classify(process.ExitCode, lines), process.ExitCode, lines, null);
    }

    internal static Par2RepairStatus Classify(int exitCode, IReadOnlyList<string> output) => exitCode switch
    {
        0 when output.Any(l => l.Contains("Repair complete", StringComparison.OrdinalIgnoreCase)) => Par2RepairStatus.Repaired,
        0 => Par2RepairStatus.AlreadyOk,
        1 => Par2RepairStatus.RepairPossible,
        2 => Par2RepairStatus.NotRepairable,
        3 => Par2RepairStatus.InvalidArguments,
        4 => Par2RepairStatus.InsufficientCriticalData,
        5 => Par2RepairStatus.RepairFailed,
        6 => Par2RepairStatus.FileIoError,
        _ => Par2RepairStatus.ToolError,
    };

    private static async Task KillAsync(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            using var reap = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await process.WaitForExitAsync(reap.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Already exited, or did not die in time: nothing more we can do here.
        }
    }
}
