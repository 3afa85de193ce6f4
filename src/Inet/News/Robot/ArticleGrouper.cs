using Inet.Nntp;

namespace Inet.News.Robot;

/// <summary>
/// Groups overview records into the files they carry, by the name and part numbers in their
/// subjects ("name.ext" yEnc (1/3), [01/10] - "name.ext", ...). Articles without a file name are
/// their own group. The decoder has the last word: the yEnc header names the file.
/// </summary>
internal static class ArticleGrouper
{
    public static List<List<ArticleWork>> Group(string group, IEnumerable<OverviewRecord> records)
    {
        var files = new Dictionary<string, List<ArticleWork>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var record in records)
        {
            var subject = record.DecodedSubject;
            var parsed = SubjectParser.Parse(subject);
            var key = parsed.FileName is { Length: > 0 } name
                ? $"{record.From}\n{name}\n{parsed.TotalParts}"
                : "article\n" + record.MessageId;
            var work = new ArticleWork(group, record.Number, record.MessageId, record.Bytes, key, subject)
            {
                BodyOnly = subject.Contains("yEnc", StringComparison.OrdinalIgnoreCase),
            };
            if (!files.TryGetValue(key, out var list))
            {
                files[key] = list = [];
                order.Add(key);
            }
            list.Add(work);
        }
        return order.Select(k => files[k].OrderBy(w => w.Number).ToList()).ToList();
    }
}
