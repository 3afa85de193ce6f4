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
    /// or -1. Carries the current line across reads and bounds the line length.
    /// </summary>
    private int FindEnd(ReadOnlySpan<byte> data)
    {
        if (data.Length > Reader.MaxLineLength)
            return FindEndLineByLine(data);
        // The line carried over from the last read ends at the first LF; it may be the terminator or too long.
        var firstLf = data.IndexOf((byte)'\n');
        if (firstLf < 0)
            return Continue(data);
        if (EndsCarriedLine(data[..firstLf]))
            return firstLf + 1;
        // Every later line is shorter than data, so within the bound: only look for "\n.\r\n", in one vectorized search.
        var terminator = data[firstLf..].IndexOf(LfDotCrLf);
        if (terminator >= 0)
            return firstLf + terminator + LfDotCrLf.Length;
        return Continue(data[(data.LastIndexOf((byte)'\n') + 1)..]);
    }

    private static ReadOnlySpan<byte> LfDotCrLf => "\n.\r\n"u8;

    // The slow walk, one line end at a time, for a line limit below the read size.
    private int FindEndLineByLine(ReadOnlySpan<byte> data)
    {
        var i = 0;
        while (i < data.Length)
        {
            var rest = data[i..];
            var lf = rest.IndexOf((byte)'\n');
            if (lf < 0)
                return Continue(rest);
            if (EndsCarriedLine(rest[..lf]))
                return i + lf + 1;
            i += lf + 1;
        }
        return -1;
    }

    // The current line goes on past this read: remember its length and whether it can still be the ".\r" line.
    private int Continue(ReadOnlySpan<byte> piece)
    {
        CheckLength(piece.Length);
        _lineMayEnd = _lineLength + piece.Length <= 2 && _lineMayEnd && piece.SequenceEqual(DotCr.Slice(_lineLength, piece.Length));
        _lineLength += piece.Length;
        return -1;
    }

    // The current line ends with piece (its LF follows): true when it is the terminator; otherwise a new line starts.
    private bool EndsCarriedLine(ReadOnlySpan<byte> piece)
    {
        CheckLength(piece.Length);
        var isTerminator = _lineLength + piece.Length == 2 && _lineMayEnd && piece.SequenceEqual(DotCr[_lineLength..]);
        _lineLength = 0;
        _lineMayEnd = true;
        return isTerminator;
    }

    private void CheckLength(int more)
    {
        if (_lineLength + more > Reader.MaxLineLength + 1)
            throw new ProtocolViolationException($"Received a line longer than {Reader.MaxLineLength} bytes.");
    }
}
