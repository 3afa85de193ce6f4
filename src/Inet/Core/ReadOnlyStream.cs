namespace Inet.Core;

/// <summary>
/// Base for forward-only read streams: the capability flags and every seek/write member answer
/// "not supported" here once, so each subclass holds only its reading logic.
/// </summary>
internal abstract class ReadOnlyStream : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    // Subclasses that count what they hand out override the getter; setting is never supported.
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    // Abstract so every subclass supplies the Memory-based path the array overload below relies on.
    public abstract override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
