namespace Inet.Codecs.Yenc;

/// <summary>
/// Reads the control lines of a yEnc part stored in a seekable stream: <c>=ybegin</c>/<c>=ypart</c> from
/// the head and <c>=yend</c> from the tail, so files can be grouped and sized before decoding.
/// </summary>
public static class YencHeaderScanner
{
    private const int HeadBytes = 64 * 1024;
    private const int TailBytes = 4096;

    /// <summary>Scans <paramref name="stream"/> (left at an unspecified position); null when no <c>=ybegin</c> is in its head.</summary>
    public static async Task<YencFileHeaders?> ScanAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
            throw new ArgumentException("The stream must be seekable.", nameof(stream));
        stream.Position = 0;
        var head = new byte[(int)Math.Min(HeadBytes, stream.Length)];
        await stream.ReadExactlyAsync(head, cancellationToken).ConfigureAwait(false);
        if (!TryFindBegin(head, out var begin, out var part))
            return null;
        var tailLength = (int)Math.Min(TailBytes, stream.Length);
        stream.Position = stream.Length - tailLength;
        var tail = new byte[tailLength];
        await stream.ReadExactlyAsync(tail, cancellationToken).ConfigureAwait(false);
        return new YencFileHeaders(begin, part, FindLastEnd(tail));
    }

    private static bool TryFindBegin(ReadOnlySpan<byte> head, out YencBeginLine begin, out YencPartLine? part)
    {
        part = null;
        begin = default;
        while (!head.IsEmpty)
        {
            if (!YencBeginLine.TryParse(NextLine(ref head), out begin))
                continue;
            if (YencPartLine.TryParse(NextLine(ref head), out var p))
                part = p;
            return true;
        }
        return false;
    }

    private static YencEndLine? FindLastEnd(ReadOnlySpan<byte> tail)
    {
        YencEndLine? found = null;
        while (!tail.IsEmpty)
        {
            if (YencEndLine.TryParse(NextLine(ref tail), out var end))
                found = end;
        }
        return found;
    }

    /// <summary>Takes the next LF-ended line off <paramref name="text"/>, without a leading escape dot.</summary>
    private static ReadOnlySpan<byte> NextLine(ref ReadOnlySpan<byte> text)
    {
        var lf = text.IndexOf((byte)'\n');
        var line = lf < 0 ? text : text[..lf];
        text = lf < 0 ? default : text[(lf + 1)..];
        if (line.Length > 0 && line[0] == (byte)'.')
            line = line[1..]; // a dot-stuffed article saved as is
        return line;
    }
}
