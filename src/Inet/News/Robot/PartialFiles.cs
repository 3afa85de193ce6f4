using Inet.Codecs;
using Inet.News.Download;

namespace Inet.News.Robot;

/// <summary>
/// Carries half-assembled yEnc files across runs: a stopped run keeps their temp files and records
/// the parts in them; the next run re-checks each part's CRC on disk and fetches only the rest.
/// </summary>
internal static class PartialFiles
{
    /// <summary>Seeds <paramref name="registry"/> with the partial files of this server; returns the articles they already hold.</summary>
    public static HashSet<(string Group, long Number)> Resume(RobotState state, NewsRobotOptions options, YencFileRegistry registry, RobotReport report)
    {
        var held = new HashSet<(string, long)>();
        var server = RobotState.ServerKey(options.Server.Connection.Host, options.Server.Connection.Port);
        foreach (var partial in state.Partial.Values.Where(p => p.Server == server).ToList())
        {
            state.Partial.Remove(partial.Name);
            var temp = Path.Combine(options.OutputDirectory, partial.TempLeaf);
            if (!File.Exists(temp))
                continue;
            try
            {
                var records = partial.Parts.ToDictionary(p => p.Part, p => new PartRecord(p.Part, p.Offset, p.Length, p.Length, p.Crc32, PartStatus.Ok));
                var good = ResumeLoader.Verified(temp, records);
                var assembler = MultipartAssembler.Resume(options.OutputDirectory, partial.Name, partial.TempLeaf,
                    new MultipartAssemblerOptions { ExpectedSize = partial.Size, ExpectedPartCount = partial.Total, DirectWrites = options.DirectWrites }, good.Values);
                var kept = partial.Parts.Where(p => good.ContainsKey(p.Part)).ToList();
                registry.Seed(partial.Name, assembler, partial.Total, partial.Group, partial.Size, kept);
                held.UnionWith(kept.Select(p => (partial.Group, p.Article)));
                if (kept.Count < partial.Parts.Count)
                    report.Warn($"{partial.Name}: {partial.Parts.Count - kept.Count} kept parts no longer match their CRC; fetching them again");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                report.Warn($"{partial.Name}: cannot resume ({e.Message}); fetching it again");
            }
        }
        return held;
    }

    /// <summary>After a stop: keeps the temp file of every unfinished file and records its good parts.</summary>
    public static void Keep(RobotState state, NewsRobotOptions options, YencFileRegistry registry)
    {
        var server = RobotState.ServerKey(options.Server.Connection.Host, options.Server.Connection.Port);
        foreach (var (name, entry) in registry.All())
        {
            if (entry.Finished)
                continue;
            var inspected = entry.Assembler.Inspect();
            var parts = new List<PartialPart>();
            foreach (var part in inspected.Parts.Where(p => p.Status == PartStatus.Ok))
            {
                if (entry.PartArticles.TryGetValue(part.PartNumber, out var article))
                    parts.Add(new PartialPart(part.PartNumber, article, part.Offset, part.Length, part.Crc32));
            }
            var tempLeaf = Path.GetFileName(entry.Assembler.TempPath);
            entry.Assembler.Detach();
            entry.Finished = true;
            state.Partial[name] = new PartialFile(server, entry.Group, name, tempLeaf, entry.Size, entry.Total, parts);
        }
    }
}
