namespace Inet.Codecs.Yenc;

/// <summary>Splits a file into yEnc parts of a given size, each written to a stream the caller opens.</summary>
public static class YencFileEncoder
{
    /// <summary>
    /// Encodes <paramref name="length"/> bytes of <paramref name="source"/> as parts of at most
    /// <paramref name="partSize"/> bytes (0: one single-part post). <paramref name="openPart"/> gets the part
    /// number and total and returns the stream to write; it is disposed after the part. The last part's
    /// <c>=yend</c> carries the whole-file CRC32, combined from the parts' CRCs.
    /// </summary>
    public static async Task<IReadOnlyList<YencEncodedPart>> EncodeAsync(
        Stream source,
        long length,
        string name,
        long partSize,
        Func<int, int, CancellationToken, ValueTask<Stream>> openPart,
        int lineLength = YencEncoder.DefaultLineLength,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(openPart);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfNegative(partSize);
        var single = partSize == 0 || length <= partSize;
        var total = single ? 1 : (int)((length + partSize - 1) / partSize);
        var writer = new YencPartWriter(lineLength);
        var parts = new List<YencEncodedPart>(total);
        uint fileCrc = 0;
        for (var part = 1; part <= total; part++)
        {
            var begin = single ? 1 : (part - 1) * partSize + 1;
            var count = single ? length : Math.Min(partSize, length - begin + 1);
            var spec = single
                ? new YencPartSpec(name, length)
                : new YencPartSpec(name, length, part, total, begin);
            var destination = await openPart(part, total, cancellationToken).ConfigureAwait(false);
            await using (destination.ConfigureAwait(false))
            {
                // The last part's =yend carries the file CRC: the parts so far combined with its own.
                var preceding = !single && part == total ? fileCrc : (uint?)null;
                var partCrc = await writer.WritePartAsync(source, count, destination, spec, preceding, cancellationToken).ConfigureAwait(false);
                fileCrc = part == 1 ? partCrc : Crc32Math.Combine(fileCrc, partCrc, count);
                parts.Add(new YencEncodedPart(part, begin, begin + count - 1, partCrc));
            }
        }
        return parts;
    }
}
