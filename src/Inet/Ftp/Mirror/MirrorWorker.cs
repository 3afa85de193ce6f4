namespace Inet.Ftp.Mirror;

/// <summary>
/// One transfer connection: takes files from the queue until it ends. It starts connecting at once (the
/// login overlaps the listing; a PAM login costs vsftpd 50-150 ms), or adopts the lister's connection when
/// the walk is done, and connects again after an error that left the connection unusable. One file's failure goes into the report and the worker goes on.
/// </summary>
internal sealed class MirrorWorker(MirrorRun run) : IAsyncDisposable
{
    private FtpClient? _client;
    private Task<FtpClient>? _warmup;

    /// <summary>Works on a connection that is already logged in (the lister's, once the walk is done).</summary>
    public void Adopt(FtpClient client) => _client = client;

    /// <summary>Starts logging in before any file is queued; a failure shows when the first file needs the connection.</summary>
    public void StartConnecting(FtpClientOptions options, CancellationToken cancellationToken) =>
        _warmup = FtpClient.ConnectAsync(options, cancellationToken);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var file in run.Queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            FtpClient client;
            try
            {
                client = await ConnectedAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (MirrorErrors.IsItemFailure(e, cancellationToken))
            {
                if (run.TryRetireWorker())
                {
                    run.Queue.Requeue(file); // the server may allow fewer connections than asked for
                    return;
                }
                run.Report.Failed(file, e, 0);
                run.Queue.Finished();
                continue;
            }
            await TransferAsync(client, file, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task TransferAsync(FtpClient client, MirrorFile file, CancellationToken cancellationToken)
    {
        try
        {
            if (run.Options.Reverse)
                await MirrorUpload.RunAsync(client, file, run, cancellationToken).ConfigureAwait(false);
            else
                await MirrorDownload.RunAsync(client, file, run, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (MirrorErrors.IsItemFailure(e, cancellationToken))
        {
            run.Report.Failed(file, e, PartialBytes(e));
        }
        finally
        {
            run.Queue.Finished();
        }
    }

    private static long PartialBytes(Exception e) => e is FtpIncompleteTransferException incomplete ? incomplete.Transferred : 0;

    private async Task<FtpClient> ConnectedAsync(CancellationToken cancellationToken)
    {
        if (_warmup is { } warmup)
        {
            _warmup = null;
            _client = await warmup.ConfigureAwait(false);
        }
        if (_client is { IsConnected: true })
            return _client;
        if (_client is not null)
            await _client.DisposeAsync().ConfigureAwait(false);
        _client = null;
        _client = await FtpClient.ConnectAsync(run.Options.Client, cancellationToken).ConfigureAwait(false);
        return _client;
    }

    public async ValueTask DisposeAsync()
    {
        if (_warmup is { } warmup)
        {
            _warmup = null;
            try
            {
                _client = await warmup.ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Never used: its failure concerns no file.
            }
        }
        if (_client is not null)
            await _client.DisposeAsync().ConfigureAwait(false);
        _client = null;
    }
}
