using System.CommandLine;

namespace Inet.Cli.News;

/// <summary><c>inet news</c>: Usenet binaries — post files (and, later, fetch them).</summary>
internal static class NewsCommand
{
    public static Command Create()
    {
        var command = new Command("news", "Post binaries to Usenet.");
        command.Subcommands.Add(NewsPostCommand.Create());
        return command;
    }
}
