using System.CommandLine;
using Inet.Core;
using Inet.Ftp;

namespace Inet.Cli.Ftp;

/// <summary>
/// <c>inet ftp mirror URL DIR [--parallel N] [--reverse] [--dry-run]</c>: make DIR a copy of the remote folder, or
/// with --reverse the remote folder a copy of DIR (<see cref="FtpMirror"/>; rules in docs/ftp-mirror.md).
/// </summary>
internal static class FtpMirrorVerb
{
    public static Command Create()
    {
        var directory = new Argument<string>("dir") { Description = "the local folder (created when missing, unless --reverse)" };
        var parallel = new Option<int>("--parallel") { Description = "transfers at once, each on a connection of its own", DefaultValueFactory = _ => 1 };
        var reverse = new Option<bool>("--reverse") { Description = "upload: make the remote folder a copy of DIR" };
        var dryRun = new Option<bool>("--dry-run") { Description = "print what would be done, change nothing" };
        var json = new Option<bool>("--json") { Description = "print the report as JSON" };
        var connection = new FtpConnectionOptions("ftp[s]://[user[:password]@]host[:port]/[folder/]");
        var command = new Command("mirror", "Mirror a folder: inet ftp mirror URL DIR [--parallel N] [--reverse] [--dry-run]");
        command.Arguments.Add(connection.Url);
        command.Arguments.Add(directory);
        foreach (var o in new Option[] { parallel, reverse, dryRun, json })
            command.Options.Add(o);
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(async () =>
        {
            var target = connection.Target(parse);
            var local = Path.GetFullPath(parse.GetValue(directory)!);
            var connections = parse.GetValue(parallel);
            if (connections is < 1 or > FtpMirrorOptions.MaxParallel)
                throw new UsageException($"--parallel must be 1 to {FtpMirrorOptions.MaxParallel}");
            if (File.Exists(local))
                throw new UsageException($"{local} is a file: DIR names a folder");
            if (parse.GetValue(reverse) && !Directory.Exists(local))
                throw new UsageException("no such folder: " + local);
            var server = connection.Build(parse, target, out var loggerFactory);
            using var logging = loggerFactory;
            var request = new FtpMirrorRequest(server, target.FolderPath, local, connections, parse.GetValue(reverse), parse.GetValue(dryRun), parse.GetValue(json));
            return await RunMirrorAsync(request, parse.InvocationConfiguration, cancellationToken).ConfigureAwait(false);
        }, parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Runs the mirror and prints its report; the exit code says whether anything failed.</summary>
    internal static async Task<int> RunMirrorAsync(FtpMirrorRequest request, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var mirror = new FtpMirror(new FtpMirrorOptions
        {
            Client = request.Server,
            RemotePath = request.RemoteFolder,
            LocalPath = request.LocalDirectory,
            Parallel = request.Parallel,
            Reverse = request.Reverse,
            DryRun = request.DryRun,
        });
        var report = await FtpMirrorConsole.RunAsync(mirror, FtpTransferConsole.ShowsProgress(console.Output, request.Json), cancellationToken).ConfigureAwait(false);
        await FtpMirrorConsole.WriteAsync(console.Output, console.Error, report, request.Json).ConfigureAwait(false);
        return FtpMirrorConsole.ExitCode(report);
    }
}

/// <summary>
/// What <c>inet ftp mirror</c> was asked: the server (its options: login, TLS, data mode, --verbose logger), the remote
/// folder (null: the login folder), the local folder, how many transfers at once, the direction, --dry-run and --json.
/// </summary>
internal sealed record FtpMirrorRequest(FtpClientOptions Server, string? RemoteFolder, string LocalDirectory, int Parallel, bool Reverse, bool DryRun, bool Json = false);
