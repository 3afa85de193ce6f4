using System.Globalization;

namespace Inet.News.Nzb;

/// <summary>Turns a file's raw segments into checked, sorted <see cref="NzbSegment"/>s and reports
/// bad numbers, bad ids, duplicates and gaps as warnings.</summary>
internal sealed class SegmentChecker(List<NzbWarning> warnings, int fileIndex)
{
    /// <summary>At most this many missing numbers are listed in one warning.</summary>
    internal const int MaxListedMissing = 1000;

    public void AddTo(NzbFile file, List<RawSegment> raw)
    {
        var byNumber = new Dictionary<int, NzbSegment>();
        foreach (var r in raw)
        {
            if (!int.TryParse(r.Number.AsSpan().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
            {
                Warn(NzbWarningKind.InvalidSegmentNumber, $"Segment number \"{NzbBuilder.Shorten(r.Number ?? "")}\" is not a positive integer; segment dropped", [], r);
                continue;
            }
            if (!MessageIdText.TryNormalize(r.Text, out var id))
            {
                Warn(NzbWarningKind.InvalidMessageId, $"Segment {number}: message-id \"{NzbBuilder.Shorten(r.Text.Trim())}\" is not valid; segment dropped", [number], r);
                continue;
            }
            long bytes = 0;
            if (r.Bytes is not null
                && !long.TryParse(r.Bytes.AsSpan().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out bytes))
            {
                Warn(NzbWarningKind.InvalidBytes, $"Segment {number}: bytes \"{NzbBuilder.Shorten(r.Bytes)}\" is not a non-negative integer; read as 0", [number], r);
                bytes = 0;
            }
            if (!byNumber.TryAdd(number, new NzbSegment(number, bytes, id)))
                Warn(NzbWarningKind.DuplicateSegment, $"Segment number {number} appears more than once; later copy dropped", [number], r);
        }

        var numbers = byNumber.Keys.Order().ToList();
        foreach (var n in numbers)
            file.Segments.Add(byNumber[n]);
        if (numbers.Count == 0)
        {
            warnings.Add(new NzbWarning(NzbWarningKind.NoSegments, fileIndex, "File has no usable segments", [], 0, 0));
            return;
        }
        ReportGaps(numbers);
    }

    private void ReportGaps(List<int> sorted)
    {
        var missing = new List<int>();
        long missingCount = 0;
        var expected = 1;
        foreach (var n in sorted)
        {
            for (var m = expected; m < n; m++)
            {
                missingCount++;
                if (missing.Count == MaxListedMissing)
                {
                    missingCount += n - m - 1;
                    break;
                }
                missing.Add(m);
            }
            expected = n + 1;
        }
        if (missingCount == 0)
            return;
        var listed = string.Join(",", missing.Take(20).Select(n => n.ToString(CultureInfo.InvariantCulture)));
        var more = missingCount > 20 ? ", …" : "";
        warnings.Add(new NzbWarning(NzbWarningKind.MissingSegments, fileIndex,
            FormattableString.Invariant($"{missingCount} segment(s) missing: {listed}{more}"), missing, 0, 0));
    }

    private void Warn(NzbWarningKind kind, string message, IReadOnlyList<int> numbers, RawSegment r) =>
        warnings.Add(new NzbWarning(kind, fileIndex, message, numbers, r.LineNumber, r.LinePosition));
}
