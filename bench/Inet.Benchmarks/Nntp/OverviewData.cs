using System.Globalization;
using System.Text;

namespace Inet.Benchmarks.Nntp;

/// <summary>
/// Deterministic, realistic OVER lines for a binaries group: yEnc multipart subjects, RFC 2047 and
/// raw UTF-8 subjects, named posters, RFC 5322 dates, references on replies, and Xref:full.
/// </summary>
internal static class OverviewData
{
    /// <summary>Bump when the generator changes, so a stale cached file is not reused.</summary>
    private const int Version = 1;

    private static readonly string[] Words =
    [
        "Linux", "Ubuntu", "Debian", "ISO", "Collection", "Archive", "Backup", "Photos", "Holiday", "Music",
        "Album", "Live", "Concert", "Documentary", "Nature", "Series", "Season", "Episode", "Complete", "Remastered",
        "Deluxe", "Edition", "Sample", "Test", "Data", "Maps", "Europe", "Atlas", "Manual", "Software",
    ];

    private static readonly string[] Names =
    [
        "Poster Boy", "Jane Uploader", "yEnc Power", "Binary Bob", "Anonymous", "Newsbin Fan", "Old Timer",
        "Peter Müller", "Zoë Ångström", "Q. Public",
    ];

    private static readonly string[] Encoded =
    [
        "=?UTF-8?B?R3LDvMOfZSBhdXMgTcO8bmNoZW4=?=", "=?ISO-8859-1?Q?Caf=E9_au_lait_=E0_Paris?=",
        "=?UTF-8?Q?Z=C3=BCrich_Fotos_2026?= [1/1]", "Re: =?UTF-8?B?0J/RgNC40LLQtdGCINC80LjRgA==?=",
        "=?UTF-8?Q?Se=C3=B1al_perdida?= (repost)",
    ];

    private static readonly string[] Days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>The OVERVIEW.FMT lines the data follows (the RFC 3977 default with Xref:full).</summary>
    public static readonly string[] FormatLines = ["Subject:", "From:", "Date:", "Message-ID:", "References:", ":bytes", ":lines", "Xref:full"];

    /// <summary>Returns the path of the cached data file for <paramref name="count"/> lines, writing it first if needed.</summary>
    public static string EnsureFile(string directory, int count, int seed = 3977)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"overview-v{Version}-{count}-{seed}.txt");
        if (File.Exists(path))
            return path;
        var temp = path + ".tmp";
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            foreach (var line in Lines(count, seed))
            {
                file.Write(line);
                file.Write("\r\n"u8);
            }
        }
        File.Move(temp, path, overwrite: true);
        return path;
    }

    /// <summary>The lines, without line endings, as UTF-8 bytes (what arrives on the wire).</summary>
    public static IEnumerable<byte[]> Lines(int count, int seed = 3977)
    {
        var random = new Random(seed);
        var number = 4_000_000_000L;
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var builder = new StringBuilder(512);
        var posted = new List<string>();
        var file = 0;
        var part = 0;
        var total = 0;
        var fileName = "";
        for (var i = 0; i < count; i++)
        {
            number += 1 + (random.Next(10) == 0 ? random.Next(1, 5) : 0);
            var when = start.AddSeconds(i * 2.6 + random.Next(3));
            var kind = random.Next(100);
            string subject;
            var references = "";
            if (kind < 70)
            {
                if (part >= total)
                {
                    file++;
                    total = random.Next(10, 120);
                    part = 0;
                    fileName = string.Create(CultureInfo.InvariantCulture,
                        $"{Pick(random, Words)}.{Pick(random, Words)}.{2000 + random.Next(27)}.{Pick(random, Words)}-GRP{file % 97}.part{random.Next(1, 60):00}.rar");
                }
                part++;
                subject = string.Create(CultureInfo.InvariantCulture,
                    $"[{file % 40 + 1:00}/{40}] - \"{fileName}\" yEnc ({part}/{total})");
            }
            else if (kind < 82)
            {
                subject = Pick(random, Encoded);
            }
            else if (kind < 86)
            {
                subject = "Grüße an alle – Frage zu Prüfsummen";
            }
            else
            {
                subject = (random.Next(2) == 0 ? "Re: " : "") + $"{Pick(random, Words)} {Pick(random, Words).ToLowerInvariant()} {Pick(random, Words).ToLowerInvariant()} question";
                if (posted.Count > 3 && subject.StartsWith("Re: ", StringComparison.Ordinal))
                {
                    var n = random.Next(1, 4);
                    builder.Clear();
                    for (var r = 0; r < n; r++)
                        builder.Append(r == 0 ? "" : " ").Append(posted[random.Next(posted.Count)]);
                    references = builder.ToString();
                }
            }
            var name = Pick(random, Names);
            var from = random.Next(5) switch
            {
                0 => $"\"{name}\" <{Mailbox(name)}@example.com>",
                1 => $"{Mailbox(name)}@news.example.org ({name})",
                2 when name.Any(c => c > 127) => $"=?UTF-8?Q?{QEncode(name)}?= <{Mailbox(name)}@example.de>",
                _ => $"{name} <{Mailbox(name)}@example.net>",
            };
            var date = string.Create(CultureInfo.InvariantCulture,
                $"{Days[(int)when.DayOfWeek == 0 ? 6 : (int)when.DayOfWeek - 1]}, {when.Day:00} {Months[when.Month - 1]} {when.Year} {when:HH:mm:ss} +0000");
            var id = kind < 70
                ? string.Create(CultureInfo.InvariantCulture, $"<part{part}of{total}.{RandomToken(random, 20)}@powerpost2000AA.local>")
                : $"<{RandomToken(random, 12)}${RandomToken(random, 6)}@news.example.org>";
            if (posted.Count < 5000)
                posted.Add(id);
            else
                posted[random.Next(posted.Count)] = id;
            var bytes = kind < 70 ? 740_000 + random.Next(20_000) : 900 + random.Next(4000);
            var lines = kind < 70 ? 5750 + random.Next(100) : 12 + random.Next(80);
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{number}\t{subject}\t{from}\t{date}\t{id}\t{references}\t{bytes}\t{lines}\tXref: news.example.net alt.binaries.test:{number}{(kind % 5 == 0 ? $" alt.binaries.misc:{number / 3}" : "")}");
            yield return Encoding.UTF8.GetBytes(line);
        }
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private static string Mailbox(string name) =>
        new(name.ToLowerInvariant().Where(c => c is >= 'a' and <= 'z').ToArray());

    private static string QEncode(string text)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (b == ' ')
                builder.Append('_');
            else if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9')
                builder.Append((char)b);
            else
                builder.Append('=').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    private static string RandomToken(Random random, int length)
    {
        const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        return string.Create(length, random, static (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
                span[i] = Alphabet[r.Next(Alphabet.Length)];
        });
    }
}
