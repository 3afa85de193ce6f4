using FsCheck;
using FsCheck.Fluent;
using Inet.News.Nzb;

namespace Inet.Tests.News;

/// <summary>FsCheck generators for NZB documents full of hostile but representable strings.</summary>
public static class NzbArbitraries
{
    private static readonly string[] Pieces =
    [
        "a", "Z", "0", " ", "  ", "<", ">", "&", "\"", "'", "&amp;", "]]>", "<!--", "\t", "\n", "\r\n", "\r",
        "é", "中文", "😀", "\u00a0", "\u200b", "\ufeff", "\U0001F600", "\u0085", "\u2028", "<!ENTITY x \"y\">", "&lol;", "=\"", "/", "..", "\\",
    ];

    private static readonly string[] IdPieces = ["a", "Z", "9", ".", "$", "&", "'", "\"", "%", "part", "=", "!", "~"];

    private static Gen<string> Hostile() =>
        Gen.ArrayOf(Gen.Elements(Pieces)).Select(parts => string.Concat(parts));

    private static Gen<string> MessageId() =>
        from local in Gen.NonEmptyListOf(Gen.Elements(IdPieces))
        from host in Gen.Elements("news.example", "h", "x.y.z")
        from brackets in Gen.Elements(true, false)
        select brackets ? $"<{string.Concat(local)}@{host}>" : $"{string.Concat(local)}@{host}";

    private static Gen<NzbFile> File() =>
        from subject in Hostile()
        from poster in Gen.OrNull(Hostile())
        from seconds in Gen.Frequency((1, Gen.Constant((int?)null)), (3, Gen.Choose(0, int.MaxValue).Select(s => (int?)s)))
        from groups in Gen.ListOf(Gen.Elements("alt.binaries.test", "a.b", "alt.bin.ü"))
        from ids in Gen.ListOf(MessageId())
        from sizes in Gen.ArrayOf(Gen.Choose(0, int.MaxValue), ids.Count)
        from order in Gen.Shuffle(Enumerable.Range(1, ids.Count))
        select Build(subject, poster, seconds, groups, ids, sizes, order);

    private static NzbFile Build(string subject, string? poster, int? seconds, IEnumerable<string> groups,
        IReadOnlyList<string> ids, int[] sizes, int[] order)
    {
        var file = new NzbFile
        {
            Subject = subject,
            Poster = poster,
            Date = seconds is { } s ? DateTimeOffset.FromUnixTimeSeconds(s) : null,
        };
        foreach (var g in groups)
            file.Groups.Add(g);
        for (var i = 0; i < ids.Count; i++)
            file.Segments.Add(new NzbSegment(order[i], sizes[i] * 7L, ids[i]));
        return file;
    }

    public static Arbitrary<NzbDocument> Documents()
    {
        var gen =
            from meta in Gen.ListOf(Gen.Zip(Gen.Elements("title", "password", "category", "tag", "x-<&>"), Hostile()))
            from files in Gen.ListOf(File())
            select Create(meta, files);
        return Arb.From(gen);
    }

    private static NzbDocument Create(IEnumerable<(string, string)> meta, IEnumerable<NzbFile> files)
    {
        var doc = new NzbDocument();
        foreach (var (type, value) in meta)
            doc.Meta.Add(new NzbMeta(type, value));
        foreach (var f in files)
            doc.Files.Add(f);
        return doc;
    }
}
