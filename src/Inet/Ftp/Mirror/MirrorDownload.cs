using System.Globalization;

namespace Inet.Ftp.Mirror;

/// <summary>
/// Downloads one file into its hidden partial name (<c>.name.inet-part</c>) and renames it into place only
/// when whole: the length matches the listing and the server's 226. The local file then gets the remote
/// time, so the next run sees it unchanged.
/// </summary>
/// <remarks>
/// Resume rule: a transfer that fails keeps its partial file and stamps it with the remote file's time.
/// The next run continues it with REST when the server offers REST STREAM, the partial is no longer than
/// the remote file, and the remote time still equals the stamp (the remote file has not changed since).
/// Anything else starts again from zero. A run killed outright leaves an unstamped partial: it restarts.
/// </remarks>
internal static class MirrorDownload
{
    public static async Task RunAsync(FtpClient client, MirrorFile file, MirrorRun run, CancellationToken cancellationToken)
    {
        var features = await client.FeaturesAsync(cancellationToken).ConfigureAwait(false);
        var (time, precision) = (file.Time, file.Precision);
        if (precision > MirrorTimes.Exact && features.Mdtm)
            (time, precision) = (await client.MdtmAsync(file.RemotePath, cancellationToken).ConfigureAwait(false), MirrorTimes.Exact);
        var partial = Path.Combine(Path.GetDirectoryName(file.LocalPath)!, MirrorNames.Partial(Path.GetFileName(file.LocalPath)));
        var offset = ResumeOffset(partial, file.Size, time, precision, features.RestStream);
        run.Report.Started(file, offset);
        long moved = 0;
        try
        {
            if (offset == 0 || offset != file.Size) // else the partial is whole already: only the rename is left
            {
                await using var stream = OpenPartial(partial, offset);
                var counting = new MirrorCountingStream(stream, bytes =>
                {
                    moved += bytes;
                    run.Report.Moved(file, offset + moved, bytes);
                });
                // The listing's size stands in for SIZE: one command less per file, and checked all the same.
                await client.DownloadAsync(file.RemotePath, counting, offset, FtpTransferType.Binary, file.Size, cancellationToken).ConfigureAwait(false);
            }
            var length = new FileInfo(partial).Length;
            if (file.Size is { } expected && length != expected)
            {
                throw new FtpIncompleteTransferException(
                    string.Create(CultureInfo.InvariantCulture, $"The download ended with {length} of the {expected} bytes the listing gave."),
                    moved, expected - offset);
            }
            if (time is { } stamp)
                File.SetLastWriteTimeUtc(partial, stamp.UtcDateTime);
            File.Move(partial, file.LocalPath, overwrite: true);
            run.Report.Done(file, moved, offset);
        }
        catch (Exception)
        {
            KeepForResume(partial, time);
            throw;
        }
    }

    /// <summary>Where to continue: the partial's length when the resume rule holds, else 0.</summary>
    private static long ResumeOffset(string partial, long? size, DateTimeOffset? time, TimeSpan precision, bool restStream)
    {
        var info = new FileInfo(partial);
        if (!restStream || size is null || time is null || !info.Exists || info.LinkTarget is not null)
            return 0;
        if (info.Length == 0 || info.Length > size)
            return 0;
        return MirrorTimes.Same(info.LastWriteTimeUtc, time.Value, precision) ? info.Length : 0;
    }

    private static FileStream OpenPartial(string partial, long offset)
    {
        if (offset == 0 && new FileInfo(partial).LinkTarget is not null)
            File.Delete(partial); // a link planted under the partial name is removed, never written through
        var stream = new FileStream(partial, new FileStreamOptions
        {
            Mode = offset == 0 ? FileMode.Create : FileMode.Open,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous,
            BufferSize = 0,
        });
        stream.Seek(offset, SeekOrigin.Begin);
        return stream;
    }

    /// <summary>
    /// After a failure: marks what arrived as a prefix of the remote file at <paramref name="time"/>, for the
    /// next run to resume; an empty partial (refused before any data) is removed.
    /// </summary>
    private static void KeepForResume(string partial, DateTimeOffset? time)
    {
        try
        {
            var info = new FileInfo(partial);
            if (!info.Exists || info.LinkTarget is not null)
                return;
            if (info.Length == 0)
                info.Delete();
            else if (time is { } stamp)
                File.SetLastWriteTimeUtc(partial, stamp.UtcDateTime);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The partial then restarts next time.
        }
    }
}
