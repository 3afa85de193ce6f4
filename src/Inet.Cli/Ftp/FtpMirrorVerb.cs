using System.CommandLine;
using Inet.Core;
using Inet.Ftp;

namespace Inet.Cli.Ftp;

/// <summary>
/// <c>inet ftp mirror URL DIR [--parallel N] [--reverse] [--dry-run]</c>: make DIR a copy of the remote folder, or
/// with --reverse the remote folder a copy of DIR. The options are parsed and checked here; the work is
/// <see cref="RunMirrorAsync"/>, not wired yet.
/// </summary>
internal static class FtpMirrorVerb
{
    public static Command Create()
    {
        var directory = new Argument<string>("dir") { Description = "the local folder (created when missing, unless --reverse)" };
        var parallel = new Option<int>("--parallel") { Description = "transfers at once, each on a connection of its own", DefaultValueFactory = _ => 1 };
        var reverse = new Option<bool>("--reverse") { Description = "upload: make the remote folder a copy of DIR" };
        var dryRun = new Option<bool>("--dry-run") { Description = "print what would be done, change nothing" };
        var connection = new FtpConnectionOptions("ftp[s]://[user[:password]@]host[:port]/[folder/]");
        var command = new Command("mirror", "Mirror a folder: inet ftp mirror URL DIR [--parallel N] [--reverse] [--dry-run]");
        command.Arguments.Add(connection.Url);
        command.Arguments.Add(directory);
        foreach (var o in new Option[] { parallel, reverse, dryRun })
            command.Options.Add(o);
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(async () =>
        {
            var target = connection.Target(parse);
            var local = Path.GetFullPath(parse.GetValue(directory)!);
            var connections = parse.GetValue(parallel);
            if (connections < 1)
                throw new UsageException("--parallel must be at least 1");
            if (File.Exists(local))
                throw new UsageException($"{local} is a file: DIR names a folder");
            if (parse.GetValue(reverse) && !Directory.Exists(local))
                throw new UsageException("no such folder: " + local);
            var server = connection.Build(parse, target, out var loggerFactory);
            using var logging = loggerFactory;
            var request = new FtpMirrorRequest(server, target.FolderPath, local, connections, parse.GetValue(reverse), parse.GetValue(dryRun));
            return await RunMirrorAsync(request, parse.InvocationConfiguration, cancellationToken).ConfigureAwait(false);
        }, parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>
    /// NOT YET WIRED: FtpMirror is being written on another branch; call it from here. Until then this says so
    /// and exits 1 without connecting.
    /// </summary>
    internal static async Task<int> RunMirrorAsync(FtpMirrorRequest request, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        await console.Error.WriteLineAsync("inet: ftp mirror: not yet").ConfigureAwait(false);
        return ExitCodes.Failure;
    }
}

/// <summary>
/// What <c>inet ftp mirror</c> was asked: the server (its options: login, TLS, data mode, --verbose logger), the remote
/// folder (null: the login folder), the local folder, how many transfers at once, the direction, and --dry-run.
/// </summary>
internal sealed record FtpMirrorRequest(FtpClientOptions Server, string? RemoteFolder, string LocalDirectory, int Parallel, bool Reverse, bool DryRun);
