namespace Inet.Core;

/// <summary>
/// A read-only stream over one dot-terminated multi-line block as it is on the wire: still dot-stuffed,
/// handed out in big chunks straight from the <see cref="LineReader"/> buffer, up to and including the
/// terminating ".\r\n" line and never past it. For decoders that unstuff as they go (yEnc). If the
/// connection ends first (or the block ends with a bare-LF dot line), reading throws.
/// </summary>
public sealed class RawDotBlockStream : DotBlockStream
{
    private static ReadOnlySpan<byte> DotCr => ".\r"u8;
    // The line being received: its length so far and whether those bytes are a prefix of ".\r".
    private int _lineLength;
    private bool _lineMayEnd = true;

    /// <param name="reader">The connection's line reader, positioned at the first line of the block.</param>
    /// <param name="onFault">Called when the block cannot be finished (connection lost, line too long).</param>
    public RawDotBlockStream(LineReader reader, Action? onFault = null) : base(reader, onFault) { }

    private protected override async ValueTask<int> ReadBlockAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (buffer.Length == 0 || IsCompleted)
            return 0;
        while (Reader.Buffered.IsEmpty)
        {
            if (!await Reader.FillAsync(cancellationToken).ConfigureAwait(false))
                throw ClosedEarly();
        }
        return Take(buffer.Span, copy: true);
    }

    private protected override async Task DrainBlockAsync(CancellationToken cancellationToken)
    {
        while (!IsCompleted)
        {
            if (Reader.Buffered.IsEmpty && !await Reader.FillAsync(cancellationToken).ConfigureAwait(false))
                throw ClosedEarly();
            Take(default, copy: false);
        }
    }

    /// <summary>Hands out buffered bytes up to the end of the block; consumes exactly what it hands out.</summary>
    private int Take(Span<byte> destination, bool copy)
    {
        var available = Reader.Buffered;
        var limit = copy ? Math.Min(available.Length, destination.Length) : available.Length;
        var window = available[..limit];
        var end = FindEnd(window);
        var count = end >= 0 ? end : limit;
        if (copy)
            window[..count].CopyTo(destination);
        Reader.Consume(count);
        BytesRead += count;
        if (end >= 0)
            IsCompleted = true;
        return count;
    }

    /// <summary>
    /// Where the terminating ".\r\n" line ends in <paramref name="data"/> (which follows what was handed out),
    /// or -1. Walks line ends only, carrying the current line across reads, and bounds the line length.
    /// </summary>
    private int FindEnd(ReadOnlySpan<byte> data)
    {
        var i = 0;
        while (i < data.Length)
        {
            var rest = data[i..];
            var lf = rest.IndexOf((byte)'\n');
            var piece = lf < 0 ? rest : rest[..lf];
            var isTerminator = _lineLength + piece.Length == 2 && _lineMayEnd && piece.SequenceEqual(DotCr[_lineLength..]);
            if (_lineLength + piece.Length > Reader.MaxLineLength + 1)
                throw new ProtocolViolationException($"Received a line longer than {Reader.MaxLineLength} bytes.");
            if (lf < 0)
            {
                // The line goes on in the next read: remember whether it can still be the ".\r" line.
                _lineMayEnd = _lineLength + piece.Length <= 2 && _lineMayEnd && piece.SequenceEqual(DotCr.Slice(_lineLength, piece.Length));
                _lineLength += piece.Length;
                return -1;
            }
            if (isTerminator)
                return i + lf + 1;
            _lineLength = 0;
            _lineMayEnd = true;
            i += lf + 1;
        }
        return -1;
    }
}
