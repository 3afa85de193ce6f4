using System.Buffers;

namespace Inet.Core;

/// <summary>
/// Reads its inner stream in large pieces and hands them out in the small ones asked for; writes pass
/// straight through. Under a TLS stream, which asks for one record (16 KiB) at a time, one socket read
/// then brings many records: fewer system calls and, above all, fewer wake-ups per megabyte.
/// </summary>
internal sealed class ReadAheadStream(Stream inner, int bufferSize) : Stream
{
    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
    private int _start;
    private int _end;

    public override bool CanRead => true;
    public override bool CanWrite => inner.CanWrite;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
            return 0;
        if (_start == _end)
        {
            var own = Buffer();
            if (buffer.Length >= own.Length)
                return inner.Read(buffer);
            _start = _end = 0; // empty until the read returns: a read that throws leaves nothing stale behind
            _end = inner.Read(own);
        }
        return TakeBuffered(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
            return 0;
        if (_start == _end)
        {
            var own = Buffer();
            if (buffer.Length >= own.Length)
                return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            _start = _end = 0; // empty until the read returns: a read that throws leaves nothing stale behind
            _end = await inner.ReadAsync(own, cancellationToken).ConfigureAwait(false);
        }
        return TakeBuffered(buffer.Span);
    }

    private int TakeBuffered(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, _end - _start);
        _buffer.AsSpan(_start, count).CopyTo(destination);
        _start += count;
        return count;
    }

    private byte[] Buffer() => _buffer ?? throw new ObjectDisposedException(nameof(ReadAheadStream));

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, cancellationToken);
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(buffer, cancellationToken);
    public override void Flush() => inner.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            ReturnBuffer();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        ReturnBuffer();
        GC.SuppressFinalize(this);
    }

    private void ReturnBuffer()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            _start = _end = 0;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
