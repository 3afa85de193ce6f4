using Microsoft.Win32.SafeHandles;

namespace Inet.Mail;

/// <summary>A write-only stream over a file handle: positional writes (pwrite), no lseek, no locking.</summary>
internal sealed class HandleWriteStream(SafeFileHandle handle) : Core.WriteOnlyStream
{
    private long _position;

    public override long Length => _position;

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        RandomAccess.Write(handle, buffer, _position);
        _position += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count)); // a plain file: the write does not wait on anyone
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush() { }

    /// <summary>fsync: the data reaches the disk before the file is renamed into new/.</summary>
    public void FlushToDisk() => RandomAccess.FlushToDisk(handle);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            handle.Dispose();
        base.Dispose(disposing);
    }
}
