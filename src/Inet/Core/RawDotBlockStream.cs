namespace Inet.Core;

/// <summary>
/// A read-only stream over one dot-terminated multi-line block as it is on the wire: still dot-stuffed,
/// handed out in big chunks straight from the <see cref="LineReader"/> buffer, up to and including the
/// terminating ".\r\n" line and never past it. For decoders that unstuff as they go (yEnc). If the
/// connection ends first (or the block ends with a bare-LF dot line), reading throws.
/// </summary>
public sealed class RawDotBlockStream : Stream, IDotBlock
{
    private static ReadOnlySpan<byte> DotCr => ".\r"u8;
    private readonly LineReader _reader;
    private readonly Action? _onFault;
    // The line being received: its length so far and whether those bytes are a prefix of ".\r".
    private int _lineLength;
    private bool _lineMayEnd = true;

    /// <param name="reader">The connection's line reader, positioned at the first line of the block.</param>
    /// <param name="onFault">Called when the block cannot be finished (connection lost, line too long).</param>
    public RawDotBlockStream(LineReader reader, Action? onFault = null)
    {
        _reader = reader;
        _onFault = onFault;
    }

    /// <summary>True when reading failed: the block is incomplete and the connection out of step.</summary>
    public bool IsFaulted { get; private set; }

    /// <summary>True once the terminating "." line has been handed out.</summary>
    public bool IsCompleted { get; private set; }

    /// <summary>Wire bytes handed out so far (dot-stuffed, including the terminator).</summary>
    public long BytesRead { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.Length == 0 || IsCompleted)
            return 0;
        try
        {
            while (_reader.Buffered.IsEmpty)
            {
                if (!await _reader.FillAsync(cancellationToken).ConfigureAwait(false))
                    throw new ConnectionClosedException("The connection closed before the end of the multi-line data block.");
            }
            return Take(buffer.Span, copy: true);
        }
        catch (Exception) when (Fault())
        {
            throw;
        }
    }

    /// <summary>Reads and discards the rest of the block so the connection stays in step.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            while (!IsCompleted)
            {
                if (_reader.Buffered.IsEmpty && !await _reader.FillAsync(cancellationToken).ConfigureAwait(false))
                    throw new ConnectionClosedException("The connection closed before the end of the multi-line data block.");
                Take(default, copy: false);
            }
        }
        catch (Exception) when (Fault())
        {
            throw;
        }
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private bool Fault()
    {
        IsFaulted = true;
        _onFault?.Invoke();
        return false;
    }

    /// <summary>Hands out buffered bytes up to the end of the block; consumes exactly what it hands out.</summary>
    private int Take(Span<byte> destination, bool copy)
    {
        var available = _reader.Buffered;
        var limit = copy ? Math.Min(available.Length, destination.Length) : available.Length;
        var window = available[..limit];
        var end = FindEnd(window);
        var count = end >= 0 ? end : limit;
        if (copy)
            window[..count].CopyTo(destination);
        _reader.Consume(count);
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
            if (_lineLength + piece.Length > _reader.MaxLineLength + 1)
                throw new ProtocolViolationException($"Received a line longer than {_reader.MaxLineLength} bytes.");
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
