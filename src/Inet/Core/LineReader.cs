using System.Buffers;

namespace Inet.Core;

/// <summary>
/// Reads CRLF (or bare LF) terminated lines from a stream into one pooled buffer, never holding a
/// line longer than <see cref="MaxLineLength"/>. Lines are handed out as slices of that buffer,
/// valid until the next read.
/// </summary>
public sealed class LineReader : IDisposable
{
    private const int MinBufferSize = 256 * 1024;
    private Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;

    public LineReader(Stream stream, int maxLineLength = 64 * 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineLength, 16);
        _stream = stream;
        MaxLineLength = maxLineLength;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(MinBufferSize, maxLineLength + 2));
    }

    /// <summary>Longest line accepted, without its line ending.</summary>
    public int MaxLineLength { get; }

    /// <summary>Time a single read from the network may take; infinite by default.</summary>
    public TimeSpan ReadTimeout { get; set; } = Timeout.InfiniteTimeSpan;

    /// <summary>Bytes received but not yet consumed.</summary>
    public ReadOnlySpan<byte> Buffered => _buffer.AsSpan(_start, _end - _start);

    /// <summary>Same as <see cref="Buffered"/>, as memory.</summary>
    public ReadOnlyMemory<byte> BufferedMemory => _buffer.AsMemory(_start, _end - _start);

    /// <summary>Marks <paramref name="count"/> buffered bytes as consumed.</summary>
    public void Consume(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)count, (uint)(_end - _start));
        _start += count;
    }

    /// <summary>Takes one complete line out of the buffer, if there is one. Never touches the network.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        var available = _buffer.AsSpan(_start, _end - _start);
        var lf = available.IndexOf((byte)'\n');
        if (lf < 0)
        {
            if (available.Length > MaxLineLength + 1)
                throw LineTooLong();
            line = default;
            return false;
        }
        var length = lf > 0 && available[lf - 1] == (byte)'\r' ? lf - 1 : lf;
        if (length > MaxLineLength)
            throw LineTooLong();
        line = available[..length];
        _start += lf + 1;
        return true;
    }

    /// <summary>Reads the next line, waiting for the network as needed.</summary>
    /// <exception cref="ConnectionClosedException">The stream ended before a line ending.</exception>
    public async ValueTask<ReadOnlyMemory<byte>> ReadLineAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var before = _start;
            if (TryReadLine(out var span))
            {
                var length = span.Length;
                return _buffer.AsMemory(before, length);
            }
            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
                throw new ConnectionClosedException(_end > _start
                    ? "The connection closed in the middle of a line."
                    : "The connection was closed by the server.");
        }
    }

    /// <summary>Reads more bytes from the stream into the buffer. Returns false at end of stream.</summary>
    public async ValueTask<bool> FillAsync(CancellationToken cancellationToken = default)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_end == _buffer.Length)
        {
            // Compact: move the unread tail to the front so the next read has room.
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        var read = await ReadFromStreamAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        _end += read;
        return read > 0;
    }

    /// <summary>Drops every buffered byte (used at a STARTTLS upgrade). Returns how many were dropped.</summary>
    public int DiscardBuffered()
    {
        var dropped = _end - _start;
        _start = _end = 0;
        return dropped;
    }

    /// <summary>Continues reading from another stream (TLS or decompression layered on the old one).</summary>
    public void ReplaceStream(Stream stream) => _stream = stream;

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
            ArrayPool<byte>.Shared.Return(buffer);
    }

    private async ValueTask<int> ReadFromStreamAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (ReadTimeout == Timeout.InfiniteTimeSpan)
            return await _stream.ReadAsync(destination, cancellationToken).ConfigureAwait(false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadTimeout);
        try
        {
            return await _stream.ReadAsync(destination, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The server sent nothing for {ReadTimeout.TotalSeconds:0.#} s.");
        }
    }

    private ProtocolViolationException LineTooLong() =>
        new($"Received a line longer than {MaxLineLength} bytes.");
}
