using System.CommandLine;
using Inet.Core;
using Inet.Ftp;

namespace Inet.Cli.Ftp;

/// <summary>
/// The one-command verbs: <c>rm</c> (DELE), <c>mkdir</c> (MKD), <c>rmdir</c> (RMD) and <c>mv URL NEWPATH</c> (RNFR, RNTO).
/// They print nothing on success; --verbose shows the exchange.
/// </summary>
internal static class FtpFileVerbs
{
    public static IEnumerable<Command> Create()
    {
        yield return Simple("rm", "Delete a file: inet ftp rm URL", folder: false, (client, path, ct) => client.DeleAsync(path, ct));
        yield return Simple("mkdir", "Create a folder: inet ftp mkdir URL", folder: true, (client, path, ct) => client.MkdAsync(path, ct));
        yield return Simple("rmdir", "Remove an empty folder: inet ftp rmdir URL", folder: true, (client, path, ct) => client.RmdAsync(path, ct));
        yield return Move();
    }

    /// <summary>A verb of one command on one path; a <paramref name="folder"/> verb takes a URL with or without the trailing '/'.</summary>
    private static Command Simple(string name, string description, bool folder, Func<FtpClient, string, CancellationToken, Task> run)
    {
        var connection = new FtpConnectionOptions("ftp[s]://[user[:password]@]host[:port]/path");
        var command = new Command(name, description);
        command.Arguments.Add(connection.Url);
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => connection.RunAsync(parse, target =>
        {
            var path = folder ? target.NamedPath(name) : target.FilePath(name);
            return async client =>
            {
                await run(client, path, cancellationToken).ConfigureAwait(false);
                return ExitCodes.Ok;
            };
        }, cancellationToken));
        return command;
    }

    private static Command Move()
    {
        var newPath = new Argument<string>("newpath") { Description = "the new name, a path as the server takes it (relative to the login folder, not a URL)" };
        var connection = new FtpConnectionOptions("ftp[s]://[user[:password]@]host[:port]/path");
        var command = new Command("mv", "Rename or move: inet ftp mv URL NEWPATH");
        command.Arguments.Add(connection.Url);
        command.Arguments.Add(newPath);
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => connection.RunAsync(parse, target =>
        {
            var from = target.NamedPath("mv");
            var to = parse.GetValue(newPath)!;
            if (to.Length == 0)
                throw new UsageException("ftp mv needs a new path");
            FtpTarget.Check(to, "newpath");
            return async client =>
            {
                await client.RenameAsync(from, to, cancellationToken).ConfigureAwait(false);
                return ExitCodes.Ok;
            };
        }, cancellationToken));
        return command;
    }
}
