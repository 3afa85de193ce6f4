using System.Text.RegularExpressions;
using Inet.News.Par2;

namespace Inet.News.Download;

/// <summary>
/// After the download: for each recovery set among the files (one per main <c>.par2</c>), verify natively
/// and, if something is damaged and par2cmdline is installed, repair (handing it the <c>.damaged</c> and
/// <c>.incomplete</c> files of the job too) and verify again. Marks repaired files in the report.
/// </summary>
internal sealed partial class Par2Step(DownloadOptions options, DownloadReport report)
{
    public async Task<IReadOnlyList<DownloadPar2Report>> RunAsync(IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var directory = options.OutputDirectory;
        var mains = report.Files
            .Where(f => f.IsOk && f.Path is not null && f.Name.EndsWith(".par2", StringComparison.OrdinalIgnoreCase))
            .GroupBy(f => VolumeSuffix().Replace(f.Name[..^5], ""), StringComparer.Ordinal)
            .Select(g => g.OrderBy(f => VolumeSuffix().IsMatch(f.Name[..^5]) ? 1 : 0).ThenBy(f => f.Name.Length).First())
            .ToList();
        var results = new List<DownloadPar2Report>();
        foreach (var main in mains)
        {
            var outcome = await CheckAsync(directory, main.Path!, cancellationToken).ConfigureAwait(false);
            results.Add(outcome);
            progress?.Report(new DownloadProgress("par2", main.Name, 0, 0, 0, 0));
        }
        return results;
    }

    private async Task<DownloadPar2Report> CheckAsync(string directory, string par2Path, CancellationToken cancellationToken)
    {
        Par2RecoverySet set;
        Par2VerificationResult verified;
        try
        {
            set = await Par2Reader.ReadSetAsync(par2Path, cancellationToken).ConfigureAwait(false);
            verified = await Par2Verifier.VerifyAsync(set, directory, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Par2FormatException or IOException or UnauthorizedAccessException)
        {
            report.Warn($"{Path.GetFileName(par2Path)}: cannot read the recovery set ({e.Message})");
            return new DownloadPar2Report(par2Path, [], null, e.Message);
        }
        if (verified.AllOk)
            return new DownloadPar2Report(par2Path, Describe(verified, verified), null, null);
        verified = await CheckKeptFilesAsync(set, verified, cancellationToken).ConfigureAwait(false);
        if (!options.RepairPar2)
            return new DownloadPar2Report(par2Path, Describe(verified, verified), null, "repair disabled");
        if (!Par2Repairer.IsToolAvailable(options.Par2Executable))
            return new DownloadPar2Report(par2Path, Describe(verified, verified), null, "par2 tool not installed: cannot repair");

        var extras = report.Files.Where(f => !f.IsOk && f.Path is not null && File.Exists(f.Path)).Select(f => f.Path!).ToList();
        var repair = await new Par2Repairer(options.Par2Executable)
            .RepairAsync(directory, par2Path, new Par2RepairOptions { ExtraFiles = extras }, cancellationToken).ConfigureAwait(false);
        var after = await Par2Verifier.VerifyAsync(set, directory, cancellationToken: cancellationToken).ConfigureAwait(false);
        var repairedNames = after.Files.Where(f => f.Status == Par2FileStatus.Ok).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        report.Files = report.Files.Select(f => !f.IsOk && repairedNames.Contains(f.Name)
            ? f with { Repaired = true, Path = Path.Combine(directory, f.Name) }
            : f).ToList();
        return new DownloadPar2Report(par2Path, Describe(verified, after), repair.Status, repair.Message);
    }

    /// <summary>
    /// A file that arrived damaged or incomplete is kept as <c>name.damaged</c>/<c>name.incomplete</c>, so the set sees
    /// it as missing; check that copy instead, to report which slices are really damaged.
    /// </summary>
    private async Task<Par2VerificationResult> CheckKeptFilesAsync(Par2RecoverySet set, Par2VerificationResult verified, CancellationToken cancellationToken)
    {
        using var checker = new Par2FileChecker(set.SliceSize, Par2VerifyOptions.Default.BufferSize);
        var files = new List<Par2FileVerification>();
        foreach (var result in verified.Files)
        {
            var kept = result.Status == Par2FileStatus.Missing
                ? report.Files.FirstOrDefault(f => !f.IsOk && f.Name == result.Name && f.Path is not null && File.Exists(f.Path))
                : null;
            if (kept is null)
            {
                files.Add(result);
                continue;
            }
            var length = new FileInfo(kept.Path!).Length;
            var (md5Ok, damaged) = await checker.CheckAsync(kept.Path!, result.File, length, cancellationToken).ConfigureAwait(false);
            var status = length != result.File.Description.Length ? Par2FileStatus.WrongSize : md5Ok ? Par2FileStatus.Ok : Par2FileStatus.Damaged;
            files.Add(result with { Status = status, DamagedSlices = damaged, ActualLength = length });
        }
        return verified with { Files = files };
    }

    private static List<DownloadPar2File> Describe(Par2VerificationResult before, Par2VerificationResult after) =>
        before.Files.Select(f => new DownloadPar2File(f.Name, f.Status, f.DamagedSlices,
            after.Files.FirstOrDefault(a => a.Name == f.Name)?.Status ?? f.Status)).ToList();

    [GeneratedRegex(@"\.vol\d+[+-]\d+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VolumeSuffix();
}
