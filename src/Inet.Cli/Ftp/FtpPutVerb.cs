using System.CommandLine;
using System.Globalization;
using Inet.Core;
using Inet.Ftp;

namespace Inet.Cli.Ftp;

/// <summary>
/// <c>inet ftp put FILE URL [-c]</c>: STOR FILE (into a folder URL under FILE's name). With -c: SIZE of the remote
/// file, then APPE of the rest of FILE from there; the library checks the server's size afterwards.
/// </summary>
internal static class FtpPutVerb
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "the local file to upload" };
        var resume = new Option<bool>("--continue", "-c") { Description = "continue a partial upload: send FILE from the remote file's size on (SIZE, APPE)" };
        var json = new Option<bool>("--json") { Description = "print the result as JSON" };
        var connection = new FtpConnectionOptions("ftp[s]://[user[:password]@]host[:port]/path/to/file, or a folder ending in '/'");
        var command = new Command("put", "Upload a file: inet ftp put FILE URL [-c]");
        command.Arguments.Add(file);
        command.Arguments.Add(connection.Url);
        command.Options.Add(resume);
        command.Options.Add(json);
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => connection.RunAsync(parse, target =>
        {
            var local = parse.GetValue(file)!;
            if (!File.Exists(local))
                throw new UsageException("no such file: " + local);
            var remote = target.IsFolder ? target.Path + Path.GetFileName(local) : target.Path;
            FtpTarget.Check(remote, "path");
            var request = new Request(Path.GetFullPath(local), remote, parse.GetValue(resume), parse.GetValue(json));
            return client => RunAsync(client, request, parse.InvocationConfiguration, cancellationToken);
        }, cancellationToken));
        return command;
    }

    private sealed record Request(string File, string Remote, bool Resume, bool Json);

    private static async Task<int> RunAsync(FtpClient client, Request request, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        await using var source = new FileStream(request.File, FileMode.Open, FileAccess.Read, FileShare.Read, 0,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        var length = source.Length;
        var offset = request.Resume ? await RemoteSizeAsync(client, request.Remote, cancellationToken).ConfigureAwait(false) : 0;
        if (offset > length)
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"the remote file has {offset} bytes, more than the {length} of {request.File}: not resuming"));
        FtpTransferSummary summary;
        if (request.Resume && offset == length && length > 0)
        {
            summary = new FtpTransferSummary(request.File, request.Remote, offset, 0, TimeSpan.Zero, null);
        }
        else
        {
            source.Position = offset;
            summary = await FtpTransferConsole.RunAsync(source, request.File, request.Remote, offset, length - offset,
                FtpTransferConsole.ShowsProgress(console.Output, request.Json),
                data => offset > 0
                    ? client.AppendAsync(request.Remote, data, remoteSize: offset, cancellationToken: cancellationToken)
                    : client.UploadAsync(request.Remote, data, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        await FtpTransferConsole.WriteAsync(console.Output, summary, request.Json).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    /// <summary>FEAT, TYPE I and SIZE: how much of the file the server has (0 when none).</summary>
    private static async Task<long> RemoteSizeAsync(FtpClient client, string path, CancellationToken cancellationToken)
    {
        await client.FeaturesAsync(cancellationToken).ConfigureAwait(false);
        await client.TypeAsync(FtpTransferType.Binary, cancellationToken).ConfigureAwait(false);
        return await client.SizeOrNullAsync(path, cancellationToken).ConfigureAwait(false) ?? 0;
    }
}
