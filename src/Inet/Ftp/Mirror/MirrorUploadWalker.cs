namespace Inet.Ftp.Mirror;

/// <summary>
/// Walks the local tree (lftp's <c>mirror -R</c>), lists each remote folder that exists, makes the missing
/// ones, and queues each file the server lacks or has with another size or time. Local links are followed
/// only when they resolve inside the uploaded folder, so a link to a secret elsewhere is never sent.
/// </summary>
internal sealed class MirrorUploadWalker(MirrorRun run)
{
    private FtpFeatures Features => run.Lister.Features;

    public async Task RunAsync(string remoteRoot, CancellationToken cancellationToken)
    {
        var root = MirrorLocalPaths.RealPath(run.Options.LocalPath);
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException($"The local folder \"{run.Options.LocalPath}\" does not exist.");
        var real = await run.Lister.TryEnterAsync(remoteRoot, cancellationToken).ConfigureAwait(false);
        if (real is null)
        {
            if (!run.Options.DryRun)
                await run.Lister.MkdAsync(remoteRoot, cancellationToken).ConfigureAwait(false);
            run.Report.FolderCreated("");
        }
        run.RemoteReal = real ?? remoteRoot;
        await WalkAsync(root, remoteRoot, "", 0, [root], remoteExists: real is not null, cancellationToken).ConfigureAwait(false);
    }

    private async Task WalkAsync(string local, string remote, string display, int depth, string[] chain,
        bool remoteExists, CancellationToken cancellationToken)
    {
        var existing = new Dictionary<string, FtpItem>(StringComparer.Ordinal);
        List<FileSystemInfo> entries;
        try
        {
            if (remoteExists)
            {
                var listing = await run.Lister.ListAsync(remote, cancellationToken).ConfigureAwait(false);
                run.SkipUnreadable(display, listing);
                foreach (var item in listing.Items)
                    existing.TryAdd(item.Name, item);
            }
            entries = [.. new DirectoryInfo(local).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal)];
        }
        catch (Exception e) when (MirrorErrors.IsItemFailure(e, cancellationToken))
        {
            run.Report.Failed(display.Length == 0 ? "./" : display + "/", e);
            return;
        }
        run.Report.FolderListed(display);
        foreach (var entry in entries)
        {
            if (MirrorNames.Check(local, entry.Name) is { } problem)
            {
                run.Skip(display, entry.Name, problem.Reason, problem.Detail);
                continue;
            }
            var path = MirrorNames.Display(display, entry.Name);
            var remotePath = MirrorNames.Join(remote, entry.Name);
            existing.TryGetValue(entry.Name, out var there);
            try
            {
                await EntryAsync(entry, path, remotePath, there, depth, chain, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (MirrorErrors.IsItemFailure(e, cancellationToken))
            {
                run.Report.Failed(path, e);
            }
        }
    }

    private async Task EntryAsync(FileSystemInfo entry, string path, string remotePath, FtpItem? there, int depth,
        string[] chain, CancellationToken cancellationToken)
    {
        var real = entry.FullName;
        if (entry.LinkTarget is not null)
        {
            var resolved = MirrorLocalPaths.TryRealPath(entry.FullName);
            if (resolved is null || !(File.Exists(resolved) || Directory.Exists(resolved)))
            {
                run.Report.Skipped(path, entry.Name, FtpMirrorSkipReason.LinkTargetMissing, "the link leads nowhere");
                return;
            }
            if (!MirrorLocalPaths.IsSameOrInside(resolved, chain[0]))
            {
                run.Report.Skipped(path, entry.Name, FtpMirrorSkipReason.LinkOutsideTree, "the link leads outside the uploaded folder");
                return;
            }
            real = resolved;
        }
        if (Directory.Exists(real))
            await FolderAsync(real, entry.Name, path, remotePath, there, depth + 1, chain, cancellationToken).ConfigureAwait(false);
        else if (File.Exists(real))
            await FileAsync(entry.FullName, new FileInfo(real), path, remotePath, there, cancellationToken).ConfigureAwait(false);
        else
            run.Report.Skipped(path, entry.Name, FtpMirrorSkipReason.NotAFile, "neither a file nor a folder");
    }

    private async Task FolderAsync(string real, string name, string path, string remotePath, FtpItem? there, int depth,
        string[] chain, CancellationToken cancellationToken)
    {
        if (chain.Any(parent => MirrorLocalPaths.IsSameOrInside(parent, real)))
        {
            run.Report.Skipped(path, name, FtpMirrorSkipReason.SymlinkLoop, "the folder is one of its own parents");
            return;
        }
        if (depth > run.Options.MaxDepth)
        {
            run.Report.Skipped(path, name, FtpMirrorSkipReason.TooDeep, $"deeper than {run.Options.MaxDepth} folders");
            return;
        }
        if (there is { Type: FtpItemType.File })
        {
            run.Report.Skipped(path, name, FtpMirrorSkipReason.TypeConflict, "the server has a file of this name");
            return;
        }
        if (there is null)
        {
            if (!run.Options.DryRun)
                await run.Lister.MkdAsync(remotePath, cancellationToken).ConfigureAwait(false);
            run.Report.FolderCreated(path);
        }
        // A remote link stands for the folder it leads to; if it leads to none, its listing fails and says so.
        await WalkAsync(real, remotePath, path, depth, [.. chain, real], remoteExists: there is not null, cancellationToken).ConfigureAwait(false);
    }

    private async Task FileAsync(string localPath, FileInfo file, string path, string remotePath, FtpItem? there, CancellationToken cancellationToken)
    {
        if (there is { Type: FtpItemType.Directory })
        {
            run.Report.Skipped(path, file.Name, FtpMirrorSkipReason.TypeConflict, "the server has a folder of this name");
            return;
        }
        var time = new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero);
        if (there is not null && await SameOnServerAsync(there, remotePath, file.Length, time, cancellationToken).ConfigureAwait(false))
        {
            run.Report.Unchanged();
            return;
        }
        run.Enqueue(new MirrorFile(path, remotePath, localPath, file.Length, time, MirrorTimes.Exact));
    }

    /// <summary>
    /// Same size, and the same time when the server can set times (MFMT, which every upload ends with);
    /// without MFMT the server's copy must be at least as new as the local file, as lftp decides.
    /// </summary>
    private async Task<bool> SameOnServerAsync(FtpItem there, string remotePath, long length, DateTimeOffset time, CancellationToken cancellationToken)
    {
        var isFile = there.Type == FtpItemType.File;
        var size = isFile ? there.Size : null;
        size ??= await run.Lister.SizeAsync(remotePath, cancellationToken).ConfigureAwait(false);
        if (size != length)
            return false;
        var remoteTime = isFile ? there.Modified : null;
        var precision = isFile ? MirrorTimes.PrecisionOf(there) : MirrorTimes.Exact;
        if ((remoteTime is null || precision > MirrorTimes.Exact)
            && await run.Lister.MdtmAsync(remotePath, cancellationToken).ConfigureAwait(false) is { } exact)
        {
            (remoteTime, precision) = (exact, MirrorTimes.Exact);
        }
        if (remoteTime is not { } remote)
            return true;
        return Features.Mfmt
            ? MirrorTimes.Same(time, remote, precision)
            : MirrorTimes.Truncate(remote, precision) >= MirrorTimes.Truncate(time, precision);
    }
}
