using System.Globalization;
using System.Text.Json;
using Inet.Core;
using Inet.Nntp;

namespace Inet.Cli.Nntp;

/// <summary>The verbs of <c>inet nntp</c>, each a thin wrapper over one <see cref="NntpClient"/> call.</summary>
internal static class NntpVerbs
{
    private static readonly Dictionary<string, (int Min, int Max, string Usage)> Shapes = new()
    {
        ["capabilities"] = (0, 0, "capabilities"),
        ["list"] = (0, 2, "list [ACTIVE|ACTIVE.TIMES|NEWSGROUPS|OVERVIEW.FMT|HEADERS|DISTRIB.PATS] [WILDMAT]"),
        ["group"] = (1, 1, "group NAME"),
        ["listgroup"] = (1, 2, "listgroup NAME [RANGE]"),
        ["over"] = (0, 1, "over [RANGE|<message-id>]  (with --group or URL path)"),
        ["hdr"] = (1, 2, "hdr HEADER [RANGE|<message-id>]"),
        ["article"] = (1, 1, "article NUMBER|<message-id>"),
        ["head"] = (1, 1, "head NUMBER|<message-id>"),
        ["body"] = (1, 1, "body NUMBER|<message-id>"),
        ["stat"] = (1, 1, "stat NUMBER|<message-id>"),
        ["post"] = (1, 1, "post FILE"),
        ["date"] = (0, 0, "date"),
        ["newgroups"] = (1, 1, "newgroups SINCE (yyyy-MM-dd[THH:mm:ssZ])"),
        ["newnews"] = (2, 2, "newnews WILDMAT SINCE"),
    };

    /// <summary>Checks the verb and its argument count before connecting (exit code 2 on misuse).</summary>
    public static void Validate(NntpRequest request)
    {
        if (!Shapes.TryGetValue(request.Verb, out var shape))
            throw new UsageException($"unknown verb '{request.Verb}'; one of: {string.Join(", ", Shapes.Keys)}");
        if (request.Args.Length < shape.Min || request.Args.Length > shape.Max)
            throw new UsageException("usage: inet nntp URL " + shape.Usage);
        if (request.Verb is "over" && request.Group is null && !(request.Args.Length == 1 && request.Args[0].StartsWith('<')))
            throw new UsageException("over needs a group: --group NAME or nntp://host/NAME");
    }

    public static async Task<int> RunAsync(NntpClient client, NntpRequest request, TextWriter output, CancellationToken cancellationToken)
    {
        if (request.Group is not null && request.Verb is not ("group" or "listgroup" or "list" or "capabilities" or "date" or "newgroups" or "newnews" or "post"))
            await client.GroupAsync(request.Group, cancellationToken).ConfigureAwait(false);
        var a = request.Args;
        switch (request.Verb)
        {
            case "capabilities":
                var caps = await client.RefreshCapabilitiesAsync(cancellationToken).ConfigureAwait(false);
                if (request.Json)
                    await JsonOutput.WriteAsync(output, w => { w.WriteStartObject(); foreach (var (k, v) in caps.Labels) { w.WriteStartArray(k); foreach (var x in v) w.WriteStringValue(x); w.WriteEndArray(); } w.WriteEndObject(); }).ConfigureAwait(false);
                else
                    foreach (var (k, v) in caps.Labels) await output.WriteLineAsync(string.Join(' ', [k, .. v])).ConfigureAwait(false);
                return ExitCodes.Ok;
            case "group":
                var g = await client.GroupAsync(a[0], cancellationToken).ConfigureAwait(false);
                await WriteGroupAsync(output, g, request.Json).ConfigureAwait(false);
                return ExitCodes.Ok;
            case "listgroup":
                var numbers = new List<long>();
                await foreach (var n in client.ListGroupAsync(a[0], a.Length > 1 ? ParseRange(a[1]) : null, cancellationToken).ConfigureAwait(false))
                    numbers.Add(n);
                if (request.Json)
                    await JsonOutput.WriteAsync(output, w => { w.WriteStartObject(); w.WriteString("group", a[0]); w.WriteStartArray("articles"); numbers.ForEach(w.WriteNumberValue); w.WriteEndArray(); w.WriteEndObject(); }).ConfigureAwait(false);
                else
                    foreach (var n in numbers) await output.WriteLineAsync(n.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
                return ExitCodes.Ok;
            case "list":
                return await NntpListVerb.RunAsync(client, a, request.Json, output, cancellationToken).ConfigureAwait(false);
            case "over":
                return await NntpOverVerb.RunAsync(client, a, request.Json, output, cancellationToken).ConfigureAwait(false);
            case "hdr":
                var values = new List<HeaderValue>();
                var source = a.Length > 1 && a[1].StartsWith('<')
                    ? client.HdrAsync(a[0], ArticleId.ByMessageId(a[1]), cancellationToken)
                    : client.HdrAsync(a[0], a.Length > 1 ? ParseRange(a[1]) : null, cancellationToken);
                await foreach (var v in source.ConfigureAwait(false))
                    values.Add(v);
                if (request.Json)
                    await JsonOutput.WriteAsync(output, w => { w.WriteStartArray(); foreach (var v in values) { w.WriteStartObject(); w.WriteNumber("number", v.Number); w.WriteString("value", v.Value); w.WriteEndObject(); } w.WriteEndArray(); }).ConfigureAwait(false);
                else
                    foreach (var v in values) await output.WriteLineAsync($"{v.Number}\t{v.Value}").ConfigureAwait(false);
                return ExitCodes.Ok;
            case "article" or "head" or "body":
                return await WriteArticleAsync(client, request, output, cancellationToken).ConfigureAwait(false);
            case "stat":
                var info = await client.StatAsync(ParseArticle(a[0]), cancellationToken).ConfigureAwait(false);
                await WriteInfoAsync(output, info, request.Json).ConfigureAwait(false);
                return ExitCodes.Ok;
            case "post":
                await using (var file = File.OpenRead(a[0]))
                {
                    var text = await client.PostAsync(file, cancellationToken).ConfigureAwait(false);
                    await output.WriteLineAsync(request.Json ? JsonOutput.Build(w => { w.WriteStartObject(); w.WriteNumber("code", 240); w.WriteString("text", text); w.WriteEndObject(); }) : "240 " + text).ConfigureAwait(false);
                }
                return ExitCodes.Ok;
            case "date":
                var date = await client.DateAsync(cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync(request.Json ? JsonOutput.Build(w => { w.WriteStartObject(); w.WriteString("date", date); w.WriteEndObject(); }) : date.ToString("u", CultureInfo.InvariantCulture)).ConfigureAwait(false);
                return ExitCodes.Ok;
            case "newgroups":
                var groups = new List<NewsgroupInfo>();
                await foreach (var ng in client.NewGroupsAsync(ParseSince(a[0]), cancellationToken).ConfigureAwait(false))
                    groups.Add(ng);
                await NntpListVerb.WriteActiveAsync(output, groups, request.Json).ConfigureAwait(false);
                return ExitCodes.Ok;
            case "newnews":
                var ids = new List<string>();
                await foreach (var id in client.NewNewsAsync(a[0], ParseSince(a[1]), cancellationToken).ConfigureAwait(false))
                    ids.Add(id);
                if (request.Json)
                    await JsonOutput.WriteAsync(output, w => { w.WriteStartArray(); ids.ForEach(w.WriteStringValue); w.WriteEndArray(); }).ConfigureAwait(false);
                else
                    foreach (var id in ids) await output.WriteLineAsync(id).ConfigureAwait(false);
                return ExitCodes.Ok;
            default:
                throw new UsageException("unknown verb " + request.Verb);
        }
    }

    private static async Task<int> WriteArticleAsync(NntpClient client, NntpRequest request, TextWriter output, CancellationToken cancellationToken)
    {
        var id = ParseArticle(request.Args[0]);
        if (request.OutputFile is { } path)
        {
            // Write to a temp file first: a cut-off download never takes the final name.
            var temp = path + ".part";
            ArticleInfo info;
            await using (var file = File.Create(temp))
                info = await CopyAsync(client, request.Verb, id, file, cancellationToken).ConfigureAwait(false);
            File.Move(temp, path, overwrite: true);
            if (request.Json)
                await WriteInfoAsync(output, info, true).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        // The real stdout gets the bytes as they are; a test's writer gets them as UTF-8 text.
        await using var stdout = output == Console.Out ? Console.OpenStandardOutput() : new TextWriterStream(output);
        await CopyAsync(client, request.Verb, id, stdout, cancellationToken).ConfigureAwait(false);
        await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static Task<ArticleInfo> CopyAsync(NntpClient client, string verb, ArticleId id, Stream destination, CancellationToken cancellationToken) => verb switch
    {
        "article" => client.CopyArticleToAsync(id, destination, cancellationToken),
        "head" => client.CopyHeadToAsync(id, destination, cancellationToken),
        _ => client.CopyBodyToAsync(id, destination, cancellationToken),
    };

    private static Task WriteGroupAsync(TextWriter output, GroupInfo g, bool json) => json
        ? JsonOutput.WriteAsync(output, w => { w.WriteStartObject(); w.WriteString("name", g.Name); w.WriteNumber("count", g.Count); w.WriteNumber("first", g.First); w.WriteNumber("last", g.Last); w.WriteEndObject(); })
        : output.WriteLineAsync($"{g.Name}: {g.Count} articles, {g.First}-{g.Last}");

    private static Task WriteInfoAsync(TextWriter output, ArticleInfo info, bool json) => json
        ? JsonOutput.WriteAsync(output, w => { w.WriteStartObject(); w.WriteNumber("number", info.Number); w.WriteString("messageId", info.MessageId); w.WriteEndObject(); })
        : output.WriteLineAsync($"{info.Number} {info.MessageId}");

    internal static ArticleId ParseArticle(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? ArticleId.ByNumber(number) : ArticleId.ByMessageId(text);

    internal static ArticleRange ParseRange(string text)
    {
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        static long N(string s) => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : throw new UsageException($"bad article range '{s}'");
        if (dash < 0) return ArticleRange.Single(N(text));
        if (dash == text.Length - 1) return ArticleRange.From(N(text[..dash]));
        return ArticleRange.Between(N(text[..dash]), N(text[(dash + 1)..]));
    }

    private static DateTimeOffset ParseSince(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
            ? since
            : throw new UsageException($"bad date '{text}' (use yyyy-MM-dd or yyyy-MM-ddTHH:mm:ssZ)");
}
