using Inet.Nntp;

namespace Inet.Cli.Nntp;

/// <summary><c>inet nntp URL over [RANGE|&lt;message-id&gt;]</c>: overview lines, tab-separated or JSON.</summary>
internal static class NntpOverVerb
{
    public static async Task<int> RunAsync(NntpClient client, string[] args, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var source = args.Length == 1 && args[0].StartsWith('<')
            ? client.OverAsync(ArticleId.ByMessageId(args[0]), cancellationToken)
            : client.OverAsync(args.Length == 1 ? NntpVerbs.ParseRange(args[0]) : null, cancellationToken);
        var records = new List<OverviewRecord>();
        await foreach (var r in source.ConfigureAwait(false))
            records.Add(r);
        if (json)
        {
            await JsonOutput.WriteAsync(output, w =>
            {
                w.WriteStartArray();
                foreach (var r in records)
                {
                    w.WriteStartObject();
                    w.WriteNumber("number", r.Number);
                    w.WriteString("subject", r.Subject);
                    w.WriteString("from", r.From);
                    w.WriteString("date", r.Date);
                    w.WriteString("messageId", r.MessageId);
                    w.WriteString("references", r.References);
                    w.WriteNumber("bytes", r.Bytes);
                    w.WriteNumber("lines", r.Lines);
                    foreach (var (name, value) in r.Extra) w.WriteString(name.ToLowerInvariant(), value);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }).ConfigureAwait(false);
        }
        else
        {
            foreach (var r in records)
                await output.WriteLineAsync($"{r.Number}\t{r.Subject}\t{r.From}\t{r.Date}\t{r.MessageId}\t{r.Bytes}\t{r.Lines}").ConfigureAwait(false);
        }
        return 0;
    }
}
