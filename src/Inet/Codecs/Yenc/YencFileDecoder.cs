namespace Inet.Codecs.Yenc;

/// <summary>
/// Decodes yEnc parts stored one per file (saved articles, with or without headers) into an output
/// folder: parts are grouped by <c>name=</c>, written at their offsets through <see cref="MultipartAssembler"/>
/// (names made safe by <see cref="SafeFileName"/>), and each file is checked for missing parts, sizes and CRCs.
/// </summary>
public static class YencFileDecoder
{
    /// <summary>Decodes every input; inputs without yEnc data are listed in <paramref name="withoutYenc"/>.</summary>
    public static async Task<IReadOnlyList<YencDecodedFile>> DecodeAsync(
        IReadOnlyList<string> inputs,
        string outputDirectory,
        ICollection<string> withoutYenc,
        bool dotStuffed = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(withoutYenc);
        var scanned = new List<(string Path, YencFileHeaders Headers)>();
        foreach (var path in inputs)
        {
            var stream = File.OpenRead(path);
            await using (stream.ConfigureAwait(false))
            {
                var headers = await YencHeaderScanner.ScanAsync(stream, cancellationToken).ConfigureAwait(false);
                if (headers is null)
                    withoutYenc.Add(path);
                else
                    scanned.Add((path, headers));
            }
        }

        var reader = new YencPartReader();
        var results = new List<YencDecodedFile>();
        foreach (var group in scanned.GroupBy(s => s.Headers.Begin.Name, StringComparer.Ordinal))
        {
            var parts = group.OrderBy(s => s.Headers.PartNumber).ToList();
            var result = await AssembleAsync(reader, group.Key, parts, outputDirectory, dotStuffed, cancellationToken).ConfigureAwait(false);
            results.Add(new YencDecodedFile(group.Key, result, parts.Select(p => p.Path).ToList()));
        }
        return results;
    }

    private static async Task<AssemblyResult> AssembleAsync(
        YencPartReader reader, string name, List<(string Path, YencFileHeaders Headers)> parts,
        string outputDirectory, bool dotStuffed, CancellationToken ct)
    {
        var first = parts[0].Headers;
        var multipart = first.Begin.IsMultipart;
        var total = parts.Max(p => p.Headers.Begin.Total);
        // Single-part posts carry the file CRC as crc32; multipart posts usually only in the last part.
        var fileCrc = parts.Select(p => p.Headers.End?.Crc32).FirstOrDefault(c => c is not null);
        var options = new MultipartAssemblerOptions
        {
            ExpectedSize = first.Begin.Size,
            ExpectedPartCount = multipart ? (total > 0 ? total : null) : 1,
            ExpectedCrc32 = fileCrc,
        };
        using var assembler = new MultipartAssembler(outputDirectory, name, options);
        foreach (var (path, headers) in parts)
        {
            using var writer = assembler.BeginPart(headers.PartNumber, headers.Offset, headers.ExpectedLength);
            var source = File.OpenRead(path);
            await using (source.ConfigureAwait(false))
            {
                var sink = new PartWriterStream(writer);
                await using (sink.ConfigureAwait(false))
                {
                    var part = await reader.ReadAsync(source, sink, dotStuffed, ct).ConfigureAwait(false);
                    Complete(writer, part);
                }
            }
        }
        return assembler.Finish();
    }

    private static void Complete(PartWriter writer, YencPartResult part)
    {
        switch (part.Status)
        {
            case YencPartStatus.Ok:
                writer.Complete(part.Crc32, crcOk: true);
                break;
            case YencPartStatus.MissingYend or YencPartStatus.Truncated or YencPartStatus.NotFound:
                writer.CompleteTruncated();
                break;
            default:
                // CRC, size or header trouble: keep the bytes, mark the part (and so the file) damaged.
                writer.Complete(part.Crc32, crcOk: false);
                break;
        }
    }
}
