using System.CommandLine;
using Inet.Core;
using Inet.Nntp;

namespace Inet.Cli.Nntp;

/// <summary><c>inet nntp URL VERB [ARGS]</c>: one NNTP command from the shell.</summary>
internal static class NntpCommand
{
    public static Command Create()
    {
        var url = new Argument<string>("url") { Description = "nntp://[user@]host[:port] or nntps://..." };
        var verb = new Argument<string>("verb") { Description = "capabilities, list, group, listgroup, over, hdr, article, head, body, stat, post, date, newgroups, newnews" };
        var args = new Argument<string[]>("args") { Arity = ArgumentArity.ZeroOrMore, Description = "arguments of the verb" };
        var json = new Option<bool>("--json") { Description = "machine-readable output" };
        var output = new Option<string?>("--output", "-o") { Description = "write article/head/body to FILE (byte-exact)" };
        var group = new Option<string?>("--group", "-g") { Description = "select this group first (for article numbers)" };
        var connection = new NntpConnectionOptions();

        var command = new Command("nntp", "Run one NNTP command: inet nntp URL VERB [ARGS]");
        foreach (var a in new Argument[] { url, verb, args }) command.Arguments.Add(a);
        foreach (var o in new Option[] { json, output, group }) command.Options.Add(o);
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(async () =>
        {
            var console = parse.InvocationConfiguration;
            var address = ServerAddress.Parse(parse.GetValue(url)!, NntpClient.Schemes);
            var options = connection.Build(parse, address, out var loggerFactory);
            using var logging = loggerFactory;
            var request = new NntpRequest(parse.GetValue(verb)!.ToLowerInvariant(), parse.GetValue(args) ?? [],
                parse.GetValue(json), parse.GetValue(output), parse.GetValue(group) ?? (address.Path.Length > 0 ? address.Path : null));
            NntpVerbs.Validate(request);
            await using var client = await NntpClient.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
            if (options.UseCompression && !client.IsCompressed)
                await console.Error.WriteLineAsync("inet: the server does not offer COMPRESS DEFLATE; continuing uncompressed").ConfigureAwait(false);
            var code = await NntpVerbs.RunAsync(client, request, console.Output, cancellationToken).ConfigureAwait(false);
            await client.QuitAsync(cancellationToken).ConfigureAwait(false);
            return code;
        }, parse.InvocationConfiguration.Error));
        return command;
    }
}

/// <summary>What the user asked <c>inet nntp</c> to do.</summary>
internal sealed record NntpRequest(string Verb, string[] Args, bool Json, string? OutputFile, string? Group);
