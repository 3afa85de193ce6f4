using System.CommandLine;
using Inet.Cli.Nntp;
using Inet.Core;
using Inet.News.Posting;
using Inet.Nntp;
using Microsoft.Extensions.Logging;

namespace Inet.Cli.News;

/// <summary>
/// <c>inet news post nntp://[user@]host[:port]/GROUP[,GROUP] FILE...</c>: posts files as yEnc (default),
/// uu or MIME articles and optionally writes an NZB. Exit 0 when every part was posted, 3 when the
/// server refused a part, 4 on network or authentication failure, 2 on misuse.
/// </summary>
internal static class NewsPostCommand
{
    public static Command Create()
    {
        var url = new Argument<string>("url") { Description = "nntp://[user@]host[:port]/GROUP[,GROUP] or nntps://..." };
        var files = new Argument<string[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "files to post" };
        var subject = new Option<string?>("--subject") { Description = "text before the [i/M] - \"name\" yEnc (n/N) part of each subject" };
        var from = new Option<string>("--from") { Description = "From header", DefaultValueFactory = _ => "Inet Poster <poster@inet.invalid>" };
        var encoding = new Option<string>("--encoding") { Description = "yenc, uu or mime (mime: one article per file, never split)", DefaultValueFactory = _ => "yenc" };
        var partSize = new Option<long?>("--part-size") { Description = "raw bytes per part (default 750000 for yenc, 500000 for uu; the largest file for mime)" };
        var lineLength = new Option<int>("--line-length") { Description = "characters per yEnc line", DefaultValueFactory = _ => 128 };
        var connections = new Option<int>("--connections") { Description = "connections posting in parallel", DefaultValueFactory = _ => 1 };
        var retries = new Option<int>("--retries") { Description = "retries of a part after a dropped connection", DefaultValueFactory = _ => 3 };
        var stop = new Option<bool>("--stop-on-refusal") { Description = "stop at the first refused part (default: report it and go on)" };
        var nzb = new Option<string?>("--nzb") { Description = "write an NZB of the posted articles to FILE" };
        var json = new Option<bool>("--json") { Description = "machine-readable output" };
        var connection = new NntpConnectionOptions();

        var command = new Command("post", "Post files as yEnc/uu/MIME articles: inet news post URL/GROUP FILE...");
        command.Arguments.Add(url);
        command.Arguments.Add(files);
        foreach (var o in new Option[] { subject, from, encoding, partSize, lineLength, connections, retries, stop, nzb, json })
            command.Options.Add(o);
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(async () =>
        {
            var console = parse.InvocationConfiguration;
            var address = ServerAddress.Parse(parse.GetValue(url)!, NntpClient.Schemes);
            var groups = address.Path.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (groups.Length == 0)
                throw new UsageException("the URL needs a group: nntp://host/GROUP");
            var paths = parse.GetValue(files) ?? [];
            foreach (var path in paths.Where(p => !File.Exists(p)))
                throw new UsageException("no such file: " + path);
            var postOptions = new BinaryPostOptions
            {
                Newsgroups = groups,
                From = parse.GetValue(from)!,
                Subject = parse.GetValue(subject),
                Encoding = ParseEncoding(parse.GetValue(encoding)),
                PartSize = parse.GetValue(partSize),
                LineLength = parse.GetValue(lineLength),
                Connections = parse.GetValue(connections),
                MaxRetries = parse.GetValue(retries),
                StopOnRefusal = parse.GetValue(stop),
            };
            var clientOptions = connection.Build(parse, address, out var loggerFactory);
            using var logging = loggerFactory;
            var poster = new BinaryPoster(clientOptions, postOptions, logging?.CreateLogger("post"));
            var progress = new SynchronousProgress<PostedPart>(part => NewsPostReport.WriteProgress(console.Error, part));
            var results = await poster.PostAsync(paths, parse.GetValue(json) ? null : progress, cancellationToken).ConfigureAwait(false);
            var nzbPath = parse.GetValue(nzb);
            if (nzbPath is not null)
                await PostNzb.WriteAsync(results, nzbPath, cancellationToken: cancellationToken).ConfigureAwait(false);
            await NewsPostReport.WriteAsync(console.Output, results, nzbPath, parse.GetValue(json)).ConfigureAwait(false);
            return NewsPostReport.ExitCode(results);
        }, parse.InvocationConfiguration.Error));
        return command;
    }

    private static PostEncoding ParseEncoding(string? text) => text?.ToLowerInvariant() switch
    {
        "yenc" => PostEncoding.Yenc,
        "uu" or "uuencode" => PostEncoding.Uu,
        "mime" or "base64" => PostEncoding.Mime,
        _ => throw new UsageException($"unknown encoding '{text}'; one of: yenc, uu, mime"),
    };
}
