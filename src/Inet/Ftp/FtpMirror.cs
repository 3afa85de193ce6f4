using System.Diagnostics;
using Inet.Ftp.Mirror;

namespace Inet.Ftp;

/// <summary>
/// Mirrors a folder tree between an FTP server and a local folder, as lftp's <c>mirror</c> does: download
/// by default, upload with <see cref="FtpMirrorOptions.Reverse"/>. A file is transferred when the other
/// side lacks it or has another size or modification time; afterwards the copy gets the source's time, so
/// a second run of an unchanged tree transfers nothing and touches nothing. One connection lists while
/// up to <see cref="FtpMirrorOptions.Parallel"/> others transfer; with more than one, the listing connection
/// becomes one of them when the walk is done (logins are what a server spends most on for small files).
/// </summary>
/// <remarks>
/// Every listed name is checked before it touches the disk (no separators, "..", CR, LF, NUL, nothing
/// outside the folder); an unsafe name is skipped and reported, and the rest goes on. Partial transfers
/// live under hidden <c>.name.inet-part</c> names and are resumed by the next run when provably the same
/// file. A file that fails is reported and the others still go. Nothing is deleted: files that exist only
/// on the receiving side stay.
/// </remarks>
public sealed class FtpMirror
{
    public FtpMirror(FtpMirrorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Client, nameof(options));
        ArgumentException.ThrowIfNullOrEmpty(options.LocalPath, nameof(options));
        if (options.Parallel is < 1 or > FtpMirrorOptions.MaxParallel)
            throw new ArgumentOutOfRangeException(nameof(options), $"Parallel must be 1 to {FtpMirrorOptions.MaxParallel}.");
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxDepth, nameof(options));
        // The lister and the workers are FTPS sessions side by side: each needs its own TLS session to resume.
        Options = options with { Client = options.Client with { IsolateTlsSession = true } };
    }

    public FtpMirrorOptions Options { get; }

    /// <summary>
    /// Runs the mirror. Per-file and per-folder problems end up in the report; the run itself throws only
    /// when it cannot start (login refused, the remote folder of a download missing, the local path a file)
    /// or is cancelled. Cancelling keeps partial downloads for the next run to resume.
    /// </summary>
    public async Task<FtpMirrorReport> RunAsync(IProgress<FtpMirrorProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var report = new MirrorCollector(progress);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = new MirrorRun(Options, report);
        // The lister connects first (a server that caps connections must not refuse it), and the workers log in
        // while it does, so the first file does not wait for a login of its own.
        var connecting = MirrorLister.ConnectAsync(Options.Client, cancellationToken);
        var listerJoins = !Options.DryRun && Options.Parallel > 1;
        var workers = Options.DryRun ? [] : Enumerable.Range(0, listerJoins ? Options.Parallel - 1 : 1).Select(_ => new MirrorWorker(run)).ToArray();
        var running = new List<Task>();
        foreach (var worker in workers)
        {
            worker.StartConnecting(Options.Client, stop.Token);
            run.WorkerStarted();
            running.Add(RunWorkerAsync(worker, stop.Token));
        }
        MirrorLister? lister = null;
        try
        {
            lister = await connecting.ConfigureAwait(false);
            run.Lister = lister;
            var root = await lister.AbsoluteAsync(Options.RemotePath ?? Options.Client.Path, cancellationToken).ConfigureAwait(false);
            if (Options.Reverse)
                await new MirrorUploadWalker(run).RunAsync(root, cancellationToken).ConfigureAwait(false);
            else
                await new MirrorDownloadWalker(run).RunAsync(root, cancellationToken).ConfigureAwait(false);
            run.Queue.WalkDone();
            if (listerJoins && await lister.HandOverAsync().ConfigureAwait(false) is { } client)
            {
                var joined = new MirrorWorker(run);
                joined.Adopt(client);
                run.WorkerStarted();
                running.Add(RunWorkerAsync(joined, stop.Token));
            }
            await Task.WhenAll(running).ConfigureAwait(false);
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            run.Queue.Abort();
            await Task.WhenAll(running.Select(IgnoreCancellationAsync)).ConfigureAwait(false);
            throw;
        }
        finally
        {
            if (lister is not null)
                await lister.DisposeAsync().ConfigureAwait(false);
        }
        return report.Build(Options, Stopwatch.GetElapsedTime(started));
    }

    private static async Task RunWorkerAsync(MirrorWorker worker, CancellationToken cancellationToken)
    {
        await using (worker.ConfigureAwait(false))
            await worker.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task IgnoreCancellationAsync(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The run is stopping for another reason, already being thrown.
        }
    }
}
