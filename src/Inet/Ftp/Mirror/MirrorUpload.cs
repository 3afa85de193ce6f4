using System.Runtime.ExceptionServices;

namespace Inet.Ftp.Mirror;

/// <summary>
/// Uploads one file: into its hidden partial name, renamed into place when whole (or straight to its name
/// when <see cref="FtpMirrorOptions.UploadViaPartialName"/> is off), then MFMT gives it the local time so
/// the next run sees it unchanged.
/// </summary>
/// <remarks>
/// Resume rule: a failed upload whose connection still works stamps the remote partial with the local
/// file's time (MFMT). The next run appends the rest (APPE, with SIZE checked before and after) when the
/// server offers SIZE, MDTM and MFMT, the remote partial is shorter than the local file, and its time still
/// equals the local file's (the local file has not changed since). Anything else starts again from zero.
/// </remarks>
internal static class MirrorUpload
{
    public static async Task RunAsync(FtpClient client, MirrorFile file, MirrorRun run, CancellationToken cancellationToken)
    {
        var features = await client.FeaturesAsync(cancellationToken).ConfigureAwait(false);
        var target = run.Options.UploadViaPartialName
            ? MirrorNames.Join(MirrorNames.Parent(file.RemotePath), MirrorNames.Partial(Path.GetFileName(file.LocalPath)))
            : file.RemotePath;
        var time = new DateTimeOffset(File.GetLastWriteTimeUtc(file.LocalPath), TimeSpan.Zero);
        await using var source = OpenSource(file.LocalPath);
        var offset = await ResumeOffsetAsync(client, target, source.Length, time, features, cancellationToken).ConfigureAwait(false);
        run.Report.Started(file, offset);
        long moved = 0;
        try
        {
            if (offset == 0 || offset != source.Length) // else the partial is whole already: only the rename is left
            {
                source.Seek(offset, SeekOrigin.Begin);
                var counting = new MirrorCountingStream(source, bytes =>
                {
                    moved += bytes;
                    run.Report.Moved(file, offset + moved, bytes);
                });
                if (offset > 0)
                    await client.AppendAsync(target, counting, FtpTransferType.Binary, offset, cancellationToken).ConfigureAwait(false);
                else
                    await client.UploadAsync(target, counting, 0, FtpTransferType.Binary, cancellationToken).ConfigureAwait(false);
            }
            if (target != file.RemotePath)
                await RenameIntoPlaceAsync(client, target, file.RemotePath, cancellationToken).ConfigureAwait(false);
            if (features.Mfmt)
                await client.MfmtAsync(file.RemotePath, time, cancellationToken).ConfigureAwait(false);
            run.Report.Done(file, moved, offset);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested && features.Mfmt && client.IsConnected)
        {
            await StampAsync(client, target, time, cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A zero-length entry is sent as nothing without opening it: a FIFO or device would block the read.</summary>
    private static Stream OpenSource(string path)
    {
        if (new FileInfo(path).Length == 0)
            return new MemoryStream([], writable: false);
        return new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.Read,
            Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
            BufferSize = 0,
        });
    }

    private static async Task<long> ResumeOffsetAsync(FtpClient client, string target, long length, DateTimeOffset time,
        FtpFeatures features, CancellationToken cancellationToken)
    {
        if (!features.Size || !features.Mdtm || !features.Mfmt)
            return 0;
        var size = await client.SizeOrNullAsync(target, cancellationToken).ConfigureAwait(false);
        if (size is not { } have || have == 0 || have > length)
            return 0;
        var stamp = await client.MdtmAsync(target, cancellationToken).ConfigureAwait(false);
        return MirrorTimes.Same(stamp, time, MirrorTimes.Exact) ? have : 0;
    }

    /// <summary>RNFR/RNTO; a server that will not rename onto an existing file (IIS) gets DELE first.</summary>
    private static async Task RenameIntoPlaceAsync(FtpClient client, string from, string to, CancellationToken cancellationToken)
    {
        try
        {
            await client.RenameAsync(from, to, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (FtpPermanentException refused) when (client.IsConnected)
        {
            try
            {
                await client.DeleAsync(to, cancellationToken).ConfigureAwait(false);
            }
            catch (FtpPermanentException)
            {
                ExceptionDispatchInfo.Throw(refused); // nothing was in the way: the rename itself is refused
            }
        }
        await client.RenameAsync(from, to, cancellationToken).ConfigureAwait(false);
    }

    private static async Task StampAsync(FtpClient client, string target, DateTimeOffset time, CancellationToken cancellationToken)
    {
        try
        {
            await client.MfmtAsync(target, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (MirrorErrors.IsItemFailure(e, cancellationToken))
        {
            // Not stamped: the next run starts this upload again.
        }
    }
}
