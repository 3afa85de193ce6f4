using System.CommandLine;

namespace Inet.Cli.Ftp;

/// <summary><c>inet ftp</c>: ls, get, put, rm, mkdir, rmdir, mv and mirror, each on an ftp:// or ftps:// URL.</summary>
internal static class FtpCommand
{
    public static Command Create()
    {
        var command = new Command("ftp", "FTP and FTPS: list, download, upload, delete, rename, mirror (URLs: ftp[s]://[user[:password]@]host[:port]/path)");
        command.Subcommands.Add(FtpLsVerb.Create());
        command.Subcommands.Add(FtpGetVerb.Create());
        command.Subcommands.Add(FtpPutVerb.Create());
        foreach (var verb in FtpFileVerbs.Create())
            command.Subcommands.Add(verb);
        command.Subcommands.Add(FtpMirrorVerb.Create());
        return command;
    }
}
