namespace Inet.Ftp.Mirror;

/// <summary>
/// Walks the remote tree on the listing connection, creates local folders, and queues each file whose
/// local copy is missing or differs in size or time. Every listed name passes <see cref="MirrorNames.Check"/>
/// first. Links are followed as the server resolves them: to a folder inside the tree when it is not one
/// of its own parents, to a file anywhere the server will serve (the copy lands under the link's own name).
/// </summary>
internal sealed class MirrorDownloadWalker(MirrorRun run)
{
    private FtpFeatures Features => run.Lister.Features;

    public async Task RunAsync(string remoteRoot, CancellationToken cancellationToken)
    {
        var local = Path.GetFullPath(run.Options.LocalPath);
        if (File.Exists(local))
            throw new IOException($"The local path \"{local}\" is a file, not a folder.");
        run.RemoteReal = await run.Lister.EnterAsync(remoteRoot, cancellationToken).ConfigureAwait(false);
        if (!Directory.Exists(local))
        {
            if (!run.Options.DryRun)
                Directory.CreateDirectory(local);
            run.Report.FolderCreated("");
        }
        await WalkAsync(new RemoteFolder(remoteRoot, run.RemoteReal, null), local, "", 0, [], cancellationToken).ConfigureAwait(false);
    }

    private async Task WalkAsync(RemoteFolder folder, string local, string display, int depth,
        RemoteFolder[] parents, CancellationToken cancellationToken)
    {
        RemoteListing listing;
        try
        {
            listing = await run.Lister.ListAsync(folder.Path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (MirrorErrors.IsItemFailure(e, cancellationToken))
        {
            run.Report.Failed(FolderPath(display), e);
            return;
        }
        run.Report.FolderListed(display);
        run.SkipUnreadable(display, listing);
        RemoteFolder[] chain = [.. parents, folder with { UniqueId = listing.SelfId ?? folder.UniqueId }];
        var seen = new HashSet<string>(MirrorNames.LocalComparer);
        foreach (var item in listing.Items.OrderBy(i => i.Name, StringComparer.Ordinal))
        {
            if (MirrorNames.Check(local, item.Name) is { } problem)
            {
                run.Skip(display, item.Name, problem.Reason, problem.Detail);
                continue;
            }
            if (!seen.Add(item.Name))
            {
                run.Skip(display, item.Name, FtpMirrorSkipReason.DuplicateName, "the folder lists this name twice");
                continue;
            }
            var entry = new Entry(item, MirrorNames.Join(folder.Path, item.Name), Path.Combine(local, item.Name), MirrorNames.Display(display, item.Name));
            try
            {
                await EntryAsync(entry, chain, depth, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (MirrorErrors.IsItemFailure(e, cancellationToken))
            {
                run.Report.Failed(entry.Display, e);
            }
        }
    }

    private async Task EntryAsync(Entry entry, RemoteFolder[] chain, int depth, CancellationToken cancellationToken)
    {
        switch (entry.Item.Type)
        {
            case FtpItemType.File:
                await FileAsync(entry, entry.Item.Size, entry.Item.Modified, MirrorTimes.PrecisionOf(entry.Item), cancellationToken).ConfigureAwait(false);
                break;
            case FtpItemType.Directory:
                // Without a unique fact, only the server can tell where a folder really is: a link it lists as a
                // plain folder would otherwise loop unseen (down to MaxDepth, branching at every level).
                var real = entry.Item.UniqueId is null
                    ? await run.Lister.EnterAsync(entry.Remote, cancellationToken).ConfigureAwait(false)
                    : MirrorNames.Join(chain[^1].Real, entry.Item.Name);
                await LinkedFolderAsync(entry, new RemoteFolder(entry.Remote, real, entry.Item.UniqueId), chain, depth + 1, cancellationToken).ConfigureAwait(false);
                break;
            case FtpItemType.Link:
                await LinkAsync(entry, chain, depth, cancellationToken).ConfigureAwait(false);
                break;
            default:
                Skip(entry, FtpMirrorSkipReason.NotAFile, "neither a file, a folder nor a link");
                break;
        }
    }

    private async Task FileAsync(Entry entry, long? size, DateTimeOffset? time, TimeSpan precision, CancellationToken cancellationToken)
    {
        if (LocalObstacle(entry.Local, folder: false) is { } obstacle)
        {
            Skip(entry, obstacle.Reason, obstacle.Detail);
            return;
        }
        size ??= await run.Lister.SizeAsync(entry.Remote, cancellationToken).ConfigureAwait(false);
        var local = new FileInfo(entry.Local);
        if (local.Exists && size == local.Length)
        {
            // A LIST time is rough (the minute, or only the day for older files): MDTM tells the second when offered.
            if (precision > MirrorTimes.Exact && await run.Lister.MdtmAsync(entry.Remote, cancellationToken).ConfigureAwait(false) is { } exact)
                (time, precision) = (exact, MirrorTimes.Exact);
            if (time is null || MirrorTimes.Same(local.LastWriteTimeUtc, time.Value, precision))
            {
                run.Report.Unchanged();
                return;
            }
        }
        run.Enqueue(new MirrorFile(entry.Display, entry.Remote, entry.Local, size, time, precision));
    }

    private async Task FolderAsync(Entry entry, RemoteFolder folder, RemoteFolder[] chain, int depth, CancellationToken cancellationToken)
    {
        if (RemoteFolder.IsLoop(chain, folder.Real, folder.UniqueId))
        {
            Skip(entry, FtpMirrorSkipReason.SymlinkLoop, "the folder is one of its own parents");
            return;
        }
        if (depth > run.Options.MaxDepth)
        {
            Skip(entry, FtpMirrorSkipReason.TooDeep, $"deeper than {run.Options.MaxDepth} folders");
            return;
        }
        if (LocalObstacle(entry.Local, folder: true) is { } obstacle)
        {
            Skip(entry, obstacle.Reason, obstacle.Detail);
            return;
        }
        if (!Directory.Exists(entry.Local))
        {
            if (!run.Options.DryRun)
                Directory.CreateDirectory(entry.Local);
            run.Report.FolderCreated(entry.Display);
        }
        await WalkAsync(folder, entry.Local, entry.Display, depth, chain, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A folder that may really be elsewhere (behind a link): it must lie inside the mirrored folder, or be a loop.</summary>
    private Task LinkedFolderAsync(Entry entry, RemoteFolder folder, RemoteFolder[] chain, int depth, CancellationToken cancellationToken)
    {
        if (!RemoteFolder.IsLoop(chain, folder.Real, folder.UniqueId) && !MirrorNames.IsSameOrInside(folder.Real, run.RemoteReal))
        {
            Skip(entry, FtpMirrorSkipReason.LinkOutsideTree, "the link leads to a folder outside the mirrored folder");
            return Task.CompletedTask;
        }
        return FolderAsync(entry, folder, chain, depth, cancellationToken);
    }

    /// <summary>
    /// A link: a loop when its target (if listed) holds the link; a folder when the server will enter it
    /// (and then PWD says where it really is); otherwise a file, whose size and time the server gives
    /// through the link. A link the server can neither enter nor size leads nowhere.
    /// </summary>
    private async Task LinkAsync(Entry entry, RemoteFolder[] chain, int depth, CancellationToken cancellationToken)
    {
        var parent = chain[^1];
        if (entry.Item.LinkTarget is { Length: > 0 } target)
        {
            var real = MirrorNames.Normalize(target.StartsWith('/') ? target : MirrorNames.Join(parent.Real, target));
            if (RemoteFolder.IsLoop(chain, real, null))
            {
                Skip(entry, FtpMirrorSkipReason.SymlinkLoop, $"the link points at \"{Core.Printable.Escape(target)}\", which holds the link");
                return;
            }
        }
        if (await run.Lister.TryEnterAsync(entry.Remote, cancellationToken).ConfigureAwait(false) is { } folder)
        {
            await LinkedFolderAsync(entry, new RemoteFolder(entry.Remote, folder, null), chain, depth + 1, cancellationToken).ConfigureAwait(false);
            return;
        }
        var size = await run.Lister.SizeAsync(entry.Remote, cancellationToken).ConfigureAwait(false);
        if (size is null && Features.Size)
        {
            Skip(entry, FtpMirrorSkipReason.LinkTargetMissing, "the server can neither enter the link nor give its size");
            return;
        }
        var time = await run.Lister.MdtmAsync(entry.Remote, cancellationToken).ConfigureAwait(false);
        await FileAsync(entry, size, time, MirrorTimes.Exact, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Something local that must not be written over or through: a symbolic link, or the other kind of entry.</summary>
    private static (FtpMirrorSkipReason Reason, string Detail)? LocalObstacle(string path, bool folder)
    {
        if (new FileInfo(path).LinkTarget is not null)
            return (FtpMirrorSkipReason.LocalLink, "a local symbolic link has this name; the mirror does not write through links");
        if (folder ? File.Exists(path) : Directory.Exists(path))
            return (FtpMirrorSkipReason.TypeConflict, folder ? "a local file has this name" : "a local folder has this name");
        return null;
    }

    private void Skip(Entry entry, FtpMirrorSkipReason reason, string detail) =>
        run.Report.Skipped(entry.Display, entry.Item.Name, reason, detail);

    private static string FolderPath(string display) => display.Length == 0 ? "./" : display + "/";

    private sealed record Entry(FtpItem Item, string Remote, string Local, string Display);
}
