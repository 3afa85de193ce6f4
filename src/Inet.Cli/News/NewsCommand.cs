using System.CommandLine;

namespace Inet.Cli.News;

/// <summary><c>inet news</c>: the news robot (fetch) and binary posting (post).</summary>
internal static class NewsCommand
{
    public static Command Create()
    {
        var command = new Command("news", "Usenet binaries: follow groups and decode posts, or post files");
        command.Subcommands.Add(NewsFetchCommand.Create());
        command.Subcommands.Add(NewsPostCommand.Create());
        return command;
    }
}
