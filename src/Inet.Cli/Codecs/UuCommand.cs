using System.CommandLine;

namespace Inet.Cli.Codecs;

/// <summary><c>inet uu</c>: uudecode files to a folder, or uuencode a file.</summary>
internal static class UuCommand
{
    public static Command Create()
    {
        var command = new Command("uu", "Decode or encode uuencoded files.");
        command.Subcommands.Add(UuDecodeCommand.Create());
        command.Subcommands.Add(UuEncodeCommand.Create());
        return command;
    }
}
