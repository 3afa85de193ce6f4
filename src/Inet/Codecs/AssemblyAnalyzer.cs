namespace Inet.Codecs;

/// <summary>Works out from the written parts what is missing, damaged or mismatched, and the whole-file CRC.</summary>
internal static class AssemblyAnalyzer
{
    public static AssemblyResult Analyze(
        string fileName, string? path, MultipartAssemblerOptions options,
        IReadOnlyList<PartRecord> done, IReadOnlyList<PartConflict> conflicts)
    {
        var parts = done.OrderBy(p => p.Offset).ThenBy(p => p.PartNumber).ToArray();
        var found = parts.Select(p => p.PartNumber).Distinct().Order().ToArray();
        var end = parts.Length == 0 ? 0 : parts.Max(p => p.Range.End);
        var size = options.ExpectedSize ?? end;
        var expectedCount = options.ExpectedPartCount ?? (found.Length == 0 ? 0 : found[^1]);
        var missing = Enumerable.Range(1, expectedCount).Except(found).ToArray();
        var gaps = FindGaps(parts, size);
        var damaged = parts.Where(p => p.Status is PartStatus.CrcMismatch or PartStatus.SizeMismatch or PartStatus.Truncated)
            .Select(p => p.PartNumber).Distinct().Order().ToArray();
        var crc = CombineIfTiled(parts, size);

        var status =
            parts.Length == 0 || missing.Length > 0 || gaps.Count > 0 || parts.Any(p => p.Status == PartStatus.Truncated)
                ? AssemblyStatus.Incomplete
            : parts.Any(p => p.Status == PartStatus.SizeMismatch) || end != size || crc is null ? AssemblyStatus.SizeMismatch
            : parts.Any(p => p.Status == PartStatus.CrcMismatch) || (options.ExpectedCrc32 is { } expected && expected != crc)
                ? AssemblyStatus.CrcMismatch
            : AssemblyStatus.Ok;

        return new AssemblyResult
        {
            Status = status,
            Path = path,
            FileName = fileName,
            Size = size,
            Crc32 = status == AssemblyStatus.Incomplete ? null : crc, // a CRC of part of the file would mislead
            PartsFound = found,
            PartsMissing = missing,
            PartsDamaged = damaged,
            MissingRanges = gaps,
            Conflicts = [.. conflicts],
            Parts = parts,
        };
    }

    private static List<ByteRange> FindGaps(PartRecord[] byOffset, long size)
    {
        var gaps = new List<ByteRange>();
        long covered = 0;
        foreach (var part in byOffset)
        {
            if (part.Offset > covered)
                gaps.Add(new ByteRange(covered, part.Offset - covered));
            covered = Math.Max(covered, part.Range.End);
        }
        if (covered < size)
            gaps.Add(new ByteRange(covered, size - covered));
        return gaps;
    }

    // The whole-file CRC is known only when the parts follow each other exactly from 0 to size.
    private static uint? CombineIfTiled(PartRecord[] byOffset, long size)
    {
        uint crc = 0;
        long position = 0;
        foreach (var part in byOffset)
        {
            if (part.Offset != position)
                return null;
            crc = Crc32Math.Combine(crc, part.Crc32, part.Length);
            position += part.Length;
        }
        return position == size ? crc : null;
    }
}
