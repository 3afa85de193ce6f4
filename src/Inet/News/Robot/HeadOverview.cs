using Inet.Nntp;

namespace Inet.News.Robot;

/// <summary>Builds overview records from HEAD replies, for servers without OVER and XOVER.</summary>
internal static class HeadOverview
{
    public static async IAsyncEnumerable<OverviewRecord> ReadAsync(NntpClient client, long from, long to,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const int Batch = 100;
        for (var start = from; start <= to; start += Batch)
        {
            var ids = new List<ArticleId>();
            for (var n = start; n <= Math.Min(to, start + Batch - 1); n++)
                ids.Add(ArticleId.ByNumber(n));
            await foreach (var item in client.PipelineAsync("HEAD", ids, 16, cancellationToken).ConfigureAwait(false))
            {
                if (item.Body is null)
                    continue;
                var headers = await MimeKit.HeaderList.LoadAsync(item.Body.Content, cancellationToken).ConfigureAwait(false);
                yield return new OverviewRecord(item.Info!.Number, headers["Subject"] ?? "", headers["From"] ?? "", headers["Date"] ?? "",
                    item.Info.MessageId, headers["References"] ?? "",
                    long.TryParse(headers["Bytes"], out var bytes) ? bytes : 0,
                    long.TryParse(headers["Lines"], out var lines) ? lines : 0, []);
            }
        }
    }
}
