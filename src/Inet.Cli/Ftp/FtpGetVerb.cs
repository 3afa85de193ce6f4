using System.CommandLine;
using System.Globalization;
using Inet.Core;
using Inet.Ftp;

namespace Inet.Cli.Ftp;

/// <summary>
/// <c>inet ftp get URL -o FILE [-c]</c>: RETR into FILE. Without -c the data goes to a temporary name in FILE's
/// folder, which takes FILE's name only once the transfer is whole and its size verified. With -c it is added to
/// FILE from FILE's length (REST); after a failure FILE keeps only what is known to be short of the whole file,
/// so nothing at FILE ever looks complete when it is not. That holds when the process is killed; with --fsync the
/// data also reaches the disk before the rename, so it holds through a power loss too (like curl, wget and lftp,
/// the default leaves the writing to the kernel: a forced flush of a large file costs about as long as its transfer).
/// </summary>
internal static class FtpGetVerb
{
    public static Command Create()
    {
        var output = new Option<string>("--output", "-o") { Description = "the local file to write", Required = true };
        var resume = new Option<bool>("--continue", "-c") { Description = "continue a partial FILE from its length (REST)" };
        var json = new Option<bool>("--json") { Description = "print the result as JSON" };
        var fsync = new Option<bool>("--fsync") { Description = "flush FILE to disk before it takes its name (survives power loss; slower)" };
        var connection = new FtpConnectionOptions("ftp[s]://[user[:password]@]host[:port]/path/to/file");
        var command = new Command("get", "Download a file: inet ftp get URL -o FILE [-c]");
        command.Arguments.Add(connection.Url);
        foreach (var o in new Option[] { output, resume, json, fsync })
            command.Options.Add(o);
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => connection.RunAsync(parse, target =>
        {
            var request = new Request(target.FilePath("get"), LocalFile(parse.GetValue(output)!), parse.GetValue(resume), parse.GetValue(json), parse.GetValue(fsync));
            return client => RunAsync(client, request, parse.InvocationConfiguration, cancellationToken);
        }, cancellationToken));
        return command;
    }

    private sealed record Request(string Remote, string File, bool Resume, bool Json, bool FlushToDisk);

    /// <summary>FILE as a full path, refused before connecting when it is a folder or its folder is missing.</summary>
    private static string LocalFile(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw new UsageException($"{path} is a folder: -o names the file to write");
        if (!Directory.Exists(Path.GetDirectoryName(full)))
            throw new UsageException("no such folder for " + path);
        return full;
    }

    private static async Task<int> RunAsync(FtpClient client, Request request, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        // SIZE first: a missing file is refused (550, exit 3) before any local file is touched, and the size serves
        // the bar and the -c checks; DownloadAsync checks the byte count against it.
        long? size = null;
        if ((await client.FeaturesAsync(cancellationToken).ConfigureAwait(false)).Size)
        {
            await client.TypeAsync(FtpTransferType.Binary, cancellationToken).ConfigureAwait(false);
            size = await client.SizeAsync(request.Remote, cancellationToken).ConfigureAwait(false);
        }
        var existed = File.Exists(request.File);
        var partial = request.Resume ? request.File : TemporaryName(request.File);
        var stream = new FileStream(partial, request.Resume ? FileMode.OpenOrCreate : FileMode.CreateNew, FileAccess.Write, FileShare.None, 0,
            FileOptions.Asynchronous);
        var offset = stream.Length;
        if (request.Resume && size is { } whole && offset >= whole)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            if (offset > whole)
                throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                    $"{request.File} has {offset} bytes, more than the {whole} of the remote file: not resuming"));
            await FtpTransferConsole.WriteAsync(console.Output, new FtpTransferSummary(request.File, request.Remote, offset, 0, TimeSpan.Zero, null), request.Json).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        FtpTransferSummary summary;
        try
        {
            await using (stream.ConfigureAwait(false))
            {
                stream.Position = offset;
                // With --fsync the disk writes start while data arrives, so the final fsync waits for the last moments' only.
                using var writeback = request.FlushToDisk ? EarlyWriteback.Start(stream.SafeFileHandle, TimeSpan.FromMilliseconds(100)) : null;
                summary = await FtpTransferConsole.RunAsync(stream, request.File, request.Remote, offset, size - offset,
                    FtpTransferConsole.ShowsProgress(console.Output, request.Json),
                    file => client.DownloadAsync(request.Remote, file, offset, remoteSize: size, cancellationToken: cancellationToken)).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (request.FlushToDisk)
                    stream.Flush(flushToDisk: true);
            }
            if (!request.Resume)
                File.Move(partial, request.File, overwrite: true);
        }
        catch (Exception e)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            var note = request.Resume ? KeepShortPartial(request.File, existed, offset, size, e) : Discard(partial, request.File);
            await console.Error.WriteLineAsync("inet: " + note).ConfigureAwait(false);
            throw;
        }
        await FtpTransferConsole.WriteAsync(console.Output, summary, request.Json).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    /// <summary>A name of its own beside FILE, hidden and never mistaken for it: <c>.FILE.1a2b3c4d.part</c>.</summary>
    private static string TemporaryName(string file) =>
        Path.Combine(Path.GetDirectoryName(file)!, string.Create(CultureInfo.InvariantCulture,
            $".{Path.GetFileName(file)}.{Random.Shared.Next():x8}.part"));

    private static string Discard(string partial, string file)
    {
        File.Delete(partial);
        return $"nothing was written to {file}";
    }

    /// <summary>
    /// After a failed -c transfer: FILE keeps the new bytes only while it is provably shorter than the whole file
    /// (size from SIZE, or from the failure when the server announced one); else it goes back to its length before
    /// this run (and away, if this run created it and it is empty).
    /// </summary>
    private static string KeepShortPartial(string file, bool existed, long offset, long? size, Exception failure)
    {
        var whole = size ?? (failure is FtpIncompleteTransferException { Expected: { } expected } ? offset + expected : null);
        var length = new FileInfo(file).Length;
        if (!(whole is { } w && length < w))
        {
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Write))
                stream.SetLength(offset);
            length = offset;
        }
        if (length == 0 && !existed)
        {
            File.Delete(file);
            return $"nothing was written to {file}";
        }
        return whole is { } total && length < total
            ? string.Create(CultureInfo.InvariantCulture, $"{file} keeps {length} of {total} bytes: run the same command again to continue")
            : string.Create(CultureInfo.InvariantCulture, $"{file} is left as it was ({length} bytes)");
    }
}
