using System.CommandLine;
using Inet.Cli.Nntp;
using Inet.Core;
using Inet.News.Robot;
using Inet.Nntp;

namespace Inet.Cli.News;

/// <summary><c>inet news fetch URL/GROUP [GROUP...] -o DIR</c>: run the news robot once.</summary>
internal static class NewsFetchCommand
{
    public static Command Create()
    {
        var url = new Argument<string>("url") { Description = "nntp://[user@]host[:port]/group (or nntps://)" };
        var groups = new Argument<string[]>("groups") { Arity = ArgumentArity.ZeroOrMore, Description = "more groups to follow" };
        var output = new Option<string>("--output", "-o") { Description = "folder for decoded files", Required = true };
        var state = new Option<string?>("--state") { Description = "state file (default DIR/.inet/state.json)" };
        var minSize = new Option<string?>("--min-size") { Description = "skip articles smaller than this (e.g. 100k)" };
        var maxSize = new Option<string?>("--max-size") { Description = "skip articles larger than this (e.g. 20M)" };
        var subject = new Option<string?>("--subject") { Description = "only subjects matching this regex" };
        var from = new Option<string?>("--from") { Description = "only posters matching this regex" };
        var newerThan = new Option<string?>("--newer-than") { Description = "only articles younger than this (90m, 12h, 7d, 2w)" };
        var filterFile = new Option<string?>("--filter-file") { Description = "rules, one per line: min-size, max-size, subject, exclude-subject, from, newer-than" };
        var connections = new Option<int>("--connections") { Description = "parallel connections", DefaultValueFactory = _ => 4 };
        var depth = new Option<int>("--pipeline") { Description = "BODY commands in flight per connection", DefaultValueFactory = _ => 8 };
        var saveText = new Option<bool>("--save-text") { Description = "save text articles as .eml under DIR/text" };
        var json = new Option<bool>("--json") { Description = "print a JSON summary" };
        var cached = new Option<bool>("--cached-writes") { Description = "write through the page cache (default: past it, O_DIRECT, where possible)" };
        var connection = new NntpConnectionOptions();

        var command = new Command("fetch", "Follow newsgroups: download and decode new binary posts into a folder");
        command.Arguments.Add(url);
        command.Arguments.Add(groups);
        foreach (var o in new Option[] { output, state, minSize, maxSize, subject, from, newerThan, filterFile, connections, depth, saveText, json, cached })
            command.Options.Add(o);
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(async () =>
        {
            var address = ServerAddress.Parse(parse.GetValue(url)!, NntpClient.Schemes);
            var names = (address.Path.Length > 0 ? [address.Path] : Array.Empty<string>()).Concat(parse.GetValue(groups) ?? []).ToList();
            if (names.Count == 0)
                throw new UsageException("name at least one group: nntp://host/GROUP or as an argument");
            var filter = BuildFilter(parse, minSize, maxSize, subject, from, newerThan, filterFile);
            var server = connection.Build(parse, address, out var loggerFactory);
            using var logging = loggerFactory;
            var options = new NewsRobotOptions
            {
                Server = server,
                Groups = names,
                OutputDirectory = Path.GetFullPath(parse.GetValue(output)!),
                StateFile = parse.GetValue(state),
                Filter = filter,
                Connections = Math.Max(1, parse.GetValue(connections)),
                PipelineDepth = Math.Max(1, parse.GetValue(depth)),
                SaveText = parse.GetValue(saveText),
                DirectWrites = !parse.GetValue(cached),
                Logger = logging?.CreateLogger("robot"),
            };
            var report = await RobotConsole.RunAsync(new NewsRobot(options), options.OutputDirectory, parse.GetValue(json), cancellationToken).ConfigureAwait(false);
            return report.AllOk && !report.Cancelled ? ExitCodes.Ok : ExitCodes.ServerRefused;
        }));
        return command;
    }

    private static ArticleFilter BuildFilter(ParseResult parse, Option<string?> minSize, Option<string?> maxSize, Option<string?> subject,
        Option<string?> from, Option<string?> newerThan, Option<string?> filterFile)
    {
        var filter = ArticleFilter.All;
        if (parse.GetValue(filterFile) is { } file)
            filter = ArticleFilter.ParseFile(File.ReadAllText(file));
        if (parse.GetValue(minSize) is { } min) filter = filter with { MinSize = ArticleFilter.ParseSize(min) };
        if (parse.GetValue(maxSize) is { } max) filter = filter with { MaxSize = ArticleFilter.ParseSize(max) };
        if (parse.GetValue(subject) is { } s) filter = filter with { Subject = ArticleFilter.Pattern(s) };
        if (parse.GetValue(from) is { } f) filter = filter with { From = ArticleFilter.Pattern(f) };
        if (parse.GetValue(newerThan) is { } age) filter = filter with { NewerThan = ArticleFilter.ParseAge(age) };
        return filter;
    }
}
