using System.Text.RegularExpressions;

namespace Inet.News.Par2;

/// <summary>Reads PAR2 recovery sets from .par2 volumes.</summary>
public static partial class Par2Reader
{
    /// <summary>Reads one seekable stream holding PAR2 packets.</summary>
    /// <exception cref="Par2FormatException">No valid Main packet was found.</exception>
    public static async Task<Par2RecoverySet> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
            throw new ArgumentException("PAR2 reading needs a seekable stream", nameof(stream));
        var builder = new Par2SetBuilder();
        await new Par2PacketScanner(stream, builder).ScanAsync(cancellationToken).ConfigureAwait(false);
        return builder.Build();
    }

    /// <summary>Reads several volumes of one set; packets repeated across volumes are merged.
    /// A volume that cannot be opened counts as damaged.</summary>
    public static async Task<Par2RecoverySet> ReadAsync(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var builder = await ScanAsync(paths, cancellationToken).ConfigureAwait(false);
        return builder.Build();
    }

    /// <summary>Every file name in any valid File Description packet of any set in <paramref name="paths"/>.</summary>
    internal static async Task<IReadOnlyList<string>> ReadAllFileNamesAsync(IEnumerable<string> paths, CancellationToken cancellationToken) =>
        (await ScanAsync(paths, cancellationToken).ConfigureAwait(false)).AllFileNames;

    private static async Task<Par2SetBuilder> ScanAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var builder = new Par2SetBuilder();
        foreach (var path in paths)
        {
            FileStream file;
            try
            {
                file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                builder.Damaged++;
                continue;
            }
            await using (file.ConfigureAwait(false))
                await new Par2PacketScanner(file, builder).ScanAsync(cancellationToken).ConfigureAwait(false);
        }
        return builder;
    }

    /// <summary>Reads <paramref name="par2Path"/> together with its sibling volumes
    /// (<c>name.par2</c>, <c>name.vol0+1.par2</c>, ...).</summary>
    public static Task<Par2RecoverySet> ReadSetAsync(string par2Path, CancellationToken cancellationToken = default) =>
        ReadAsync(FindVolumes(par2Path), cancellationToken);

    /// <summary><paramref name="par2Path"/> first, then every <c>.par2</c> file in the same folder whose
    /// name starts with the same base name and a dot (the base of <c>x.vol3+4.par2</c> is <c>x</c>),
    /// the files par2cmdline itself loads.</summary>
    public static IReadOnlyList<string> FindVolumes(string par2Path)
    {
        var full = Path.GetFullPath(par2Path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        var name = Path.GetFileName(full);
        var baseName = name.EndsWith(".par2", StringComparison.OrdinalIgnoreCase) ? name[..^5] : name;
        baseName = VolumeSuffix().Replace(baseName, "");
        var volumes = new List<string> { full };
        if (!Directory.Exists(folder))
            return volumes;
        foreach (var path in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            var candidate = Path.GetFileName(path);
            if (candidate != name
                && candidate.StartsWith(baseName + ".", StringComparison.OrdinalIgnoreCase)
                && candidate.EndsWith(".par2", StringComparison.OrdinalIgnoreCase))
                volumes.Add(path);
        }
        return volumes;
    }

    [GeneratedRegex(@"\.vol\d+[+-]\d+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VolumeSuffix();
}
