using Inet.Core;

namespace Inet.Imap;

/// <summary>
/// A read-only stream over exactly one literal's bytes, taken straight from the connection's
/// <see cref="LineReader"/> buffer. A connection that ends first throws: a literal is never cut short.
/// </summary>
internal sealed class ImapLiteralStream : ReadOnlyStream
{
    private readonly LineReader _reader;
    private readonly long _length;
    private long _remaining;
    private bool _closed;

    public ImapLiteralStream(LineReader reader, long length)
    {
        _reader = reader;
        _length = length;
        _remaining = length;
    }

    public override long Length => _length;

    public override long Position { get => _length - _remaining; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_remaining == 0 || buffer.IsEmpty)
            return 0;
        if (_reader.Buffered.IsEmpty && !await _reader.FillAsync(cancellationToken).ConfigureAwait(false))
            throw ClosedEarly();
        return Take(buffer.Span);
    }

    /// <summary>Skips whatever the sink left unread, then closes the stream to the sink.</summary>
    public async ValueTask FinishAsync(CancellationToken cancellationToken)
    {
        while (_remaining > 0)
        {
            var skip = (int)Math.Min(_remaining, _reader.Buffered.Length);
            _reader.Consume(skip);
            _remaining -= skip;
            if (_remaining > 0 && !await _reader.FillAsync(cancellationToken).ConfigureAwait(false))
                throw ClosedEarly();
        }
        _closed = true;
    }

    /// <summary>Reads the whole literal into memory (the caller has checked the size).</summary>
    public async ValueTask<byte[]> ReadAllAsync(CancellationToken cancellationToken)
    {
        var bytes = new byte[_length];
        var filled = 0;
        while (_remaining > 0)
        {
            if (_reader.Buffered.IsEmpty && !await _reader.FillAsync(cancellationToken).ConfigureAwait(false))
                throw ClosedEarly();
            filled += Take(bytes.AsSpan(filled));
        }
        _closed = true;
        return bytes;
    }

    private int Take(Span<byte> destination)
    {
        var available = _reader.Buffered;
        var n = (int)Math.Min(Math.Min(destination.Length, _remaining), available.Length);
        available[..n].CopyTo(destination);
        _reader.Consume(n);
        _remaining -= n;
        return n;
    }

    private ConnectionClosedException ClosedEarly() =>
        new($"The connection closed in the middle of a {_length}-byte IMAP literal ({_remaining} bytes missing).");
}
