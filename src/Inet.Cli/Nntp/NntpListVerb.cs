using System.Globalization;
using Inet.Nntp;

namespace Inet.Cli.Nntp;

/// <summary><c>inet nntp URL list [KEYWORD] [WILDMAT]</c>.</summary>
internal static class NntpListVerb
{
    public static async Task<int> RunAsync(NntpClient client, string[] args, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var keyword = args.Length > 0 ? args[0].ToUpperInvariant() : "ACTIVE";
        var wildmat = args.Length > 1 ? args[1] : null;
        switch (keyword)
        {
            case "ACTIVE":
                var groups = new List<NewsgroupInfo>();
                await foreach (var g in client.ListActiveAsync(wildmat, cancellationToken).ConfigureAwait(false)) groups.Add(g);
                await WriteActiveAsync(output, groups, json).ConfigureAwait(false);
                break;
            case "ACTIVE.TIMES":
                var times = new List<GroupCreation>();
                await foreach (var t in client.ListActiveTimesAsync(wildmat, cancellationToken).ConfigureAwait(false)) times.Add(t);
                if (json)
                    await JsonOutput.WriteAsync(output, w => { w.WriteStartArray(); foreach (var t in times) { w.WriteStartObject(); w.WriteString("name", t.Name); w.WriteString("created", t.Created); w.WriteString("creator", t.Creator); w.WriteEndObject(); } w.WriteEndArray(); }).ConfigureAwait(false);
                else
                    foreach (var t in times) await output.WriteLineAsync($"{t.Name}\t{t.Created:u}\t{t.Creator}").ConfigureAwait(false);
                break;
            case "NEWSGROUPS":
                var descriptions = new List<GroupDescription>();
                await foreach (var d in client.ListNewsgroupsAsync(wildmat, cancellationToken).ConfigureAwait(false)) descriptions.Add(d);
                if (json)
                    await JsonOutput.WriteAsync(output, w => { w.WriteStartArray(); foreach (var d in descriptions) { w.WriteStartObject(); w.WriteString("name", d.Name); w.WriteString("description", d.Description); w.WriteEndObject(); } w.WriteEndArray(); }).ConfigureAwait(false);
                else
                    foreach (var d in descriptions) await output.WriteLineAsync($"{d.Name}\t{d.Description}").ConfigureAwait(false);
                break;
            case "OVERVIEW.FMT":
                var format = await client.ListOverviewFormatAsync(cancellationToken).ConfigureAwait(false);
                string[] fields = ["Subject:", "From:", "Date:", "Message-ID:", "References:", ":bytes", ":lines", .. format.ExtraNames.Select((n, i) => format.ExtraIsFull[i] ? n + ":full" : n + ":")];
                await WriteStringsAsync(output, fields, json).ConfigureAwait(false);
                break;
            case "HEADERS":
                await WriteStringsAsync(output, await client.ListHeadersAsync(cancellationToken).ConfigureAwait(false), json).ConfigureAwait(false);
                break;
            case "DISTRIB.PATS":
                var pats = new List<DistributionPattern>();
                await foreach (var p in client.ListDistributionPatternsAsync(cancellationToken).ConfigureAwait(false)) pats.Add(p);
                await WriteStringsAsync(output, pats.Select(p => $"{p.Weight}:{p.Wildmat}:{p.Distribution}").ToList(), json).ConfigureAwait(false);
                break;
            default:
                throw new UsageException($"unknown LIST keyword '{keyword}'");
        }
        return 0;
    }

    public static async Task WriteActiveAsync(TextWriter output, List<NewsgroupInfo> groups, bool json)
    {
        if (json)
            await JsonOutput.WriteAsync(output, w => { w.WriteStartArray(); foreach (var g in groups) { w.WriteStartObject(); w.WriteString("name", g.Name); w.WriteNumber("high", g.High); w.WriteNumber("low", g.Low); w.WriteString("status", g.Status); w.WriteEndObject(); } w.WriteEndArray(); }).ConfigureAwait(false);
        else
            foreach (var g in groups) await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{g.Name} {g.High} {g.Low} {g.Status}")).ConfigureAwait(false);
    }

    private static async Task WriteStringsAsync(TextWriter output, IReadOnlyList<string> lines, bool json)
    {
        if (json)
            await JsonOutput.WriteAsync(output, w => { w.WriteStartArray(); foreach (var l in lines) w.WriteStringValue(l); w.WriteEndArray(); }).ConfigureAwait(false);
        else
            foreach (var l in lines) await output.WriteLineAsync(l).ConfigureAwait(false);
    }
}
