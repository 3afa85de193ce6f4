using System.Security.Cryptography;

namespace Inet.News.Par2;

/// <summary>Verifies the files of a recovery set natively (no external tool), streaming each file once.</summary>
public static class Par2Verifier
{
    private const int First16K = 16 * 1024;

    /// <summary>Checks every described file of <paramref name="set"/> in <paramref name="folder"/>:
    /// size, full MD5 and per-slice MD5 + CRC32. Names that would leave the folder are not opened.</summary>
    public static async Task<Par2VerificationResult> VerifyAsync(Par2RecoverySet set, string folder,
        Par2VerifyOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(folder);
        options ??= Par2VerifyOptions.Default;
        var root = FolderPath.Normalize(folder);
        var results = new List<Par2FileVerification>();
        using var checker = new Par2FileChecker(set.SliceSize, options.BufferSize);
        RenameFinder? renames = options.FindRenamed ? new RenameFinder(root, set) : null;

        foreach (var entry in set.Files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = FolderPath.ResolveInside(root, entry.Description.Name);
            if (path is null)
            {
                results.Add(new Par2FileVerification(entry, Par2FileStatus.UnsafeName, [], null, null));
                continue;
            }
            var info = new FileInfo(path);
            Par2FileVerification result;
            if (!info.Exists)
            {
                var all = entry.Slices is null ? [] : LongRange(entry.Slices.Count);
                result = new Par2FileVerification(entry, Par2FileStatus.Missing, all, null, null);
            }
            else
            {
                var (md5Ok, damaged) = await checker.CheckAsync(path, entry, info.Length, cancellationToken).ConfigureAwait(false);
                var status = info.Length != entry.Description.Length ? Par2FileStatus.WrongSize
                    : md5Ok ? Par2FileStatus.Ok : Par2FileStatus.Damaged;
                // A right MD5 wins over slice checksums (which would then be the damaged part).
                result = new Par2FileVerification(entry, status, status == Par2FileStatus.Ok ? [] : damaged, info.Length, null);
            }
            if (result.Status != Par2FileStatus.Ok && renames is not null)
                result = result with { FoundAs = await renames.FindAsync(entry.Description, cancellationToken).ConfigureAwait(false) };
            results.Add(result);
        }
        return new Par2VerificationResult(set, results);
    }

    private static List<long> LongRange(int count)
    {
        var list = new List<long>(count);
        for (var i = 0; i < count; i++)
            list.Add(i);
        return list;
    }

    /// <summary>Finds files in the folder (top level) with a given length and first-16 KiB MD5.</summary>
    private sealed class RenameFinder(string root, Par2RecoverySet set)
    {
        private Dictionary<long, List<string>>? _byLength;
        private readonly Dictionary<string, Par2Hash> _hashes = [];

        public async Task<string?> FindAsync(Par2FileDescription wanted, CancellationToken cancellationToken)
        {
            _byLength ??= Index();
            if (!_byLength.TryGetValue(wanted.Length, out var candidates))
                return null;
            foreach (var path in candidates)
            {
                if (!_hashes.TryGetValue(path, out var hash))
                    _hashes[path] = hash = await HashStartAsync(path, cancellationToken).ConfigureAwait(false);
                if (hash == wanted.Md5First16K)
                    return Path.GetRelativePath(root, path);
            }
            return null;
        }

        private Dictionary<long, List<string>> Index()
        {
            var own = set.Files.Select(f => FolderPath.ResolveInside(root, f.Description.Name))
                .OfType<string>().ToHashSet(StringComparer.Ordinal);
            var index = new Dictionary<long, List<string>>();
            foreach (var info in new DirectoryInfo(root).EnumerateFiles())
            {
                if (own.Contains(info.FullName) || info.Name.EndsWith(".par2", StringComparison.OrdinalIgnoreCase))
                    continue;
                if (!index.TryGetValue(info.Length, out var list))
                    index[info.Length] = list = [];
                list.Add(info.FullName);
            }
            return index;
        }

        private static async Task<Par2Hash> HashStartAsync(string path, CancellationToken cancellationToken)
        {
            var buffer = new byte[First16K];
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                var n = await stream.ReadAtLeastAsync(buffer, First16K, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                return Par2Hash.Read(MD5.HashData(buffer.AsSpan(0, n)));
            }
        }
    }
}
