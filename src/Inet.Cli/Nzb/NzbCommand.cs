using System.CommandLine;

namespace Inet.Cli.Nzb;

/// <summary><c>inet nzb</c>: download (<c>get</c>) and inspect (<c>info</c>) NZB files.</summary>
internal static class NzbCommand
{
    public static Command Create()
    {
        var command = new Command("nzb", "Download the files an NZB describes, or show what is in it");
        command.Subcommands.Add(NzbGetCommand.Create());
        command.Subcommands.Add(NzbInfoCommand.Create());
        return command;
    }
}
