namespace Inet.Core;

/// <summary>
/// A read-only stream over one dot-terminated multi-line block being read off a connection: how far
/// it got, whether it failed, and how to skip the rest. Any failure while reading marks the block
/// faulted and reports it (the connection is then out of step).
/// </summary>
public abstract class DotBlockStream : Stream
{
    private readonly Action? _onFault;

    /// <param name="reader">The connection's line reader, positioned at the first line of the block.</param>
    /// <param name="onFault">Called when the block cannot be finished (connection lost, line too long).</param>
    private protected DotBlockStream(LineReader reader, Action? onFault)
    {
        Reader = reader;
        _onFault = onFault;
    }

    private protected LineReader Reader { get; }

    /// <summary>True when reading failed: the block is incomplete and the connection out of step.</summary>
    public bool IsFaulted { get; private set; }

    /// <summary>True once the terminating "." line has been read.</summary>
    public bool IsCompleted { get; private protected set; }

    /// <summary>Bytes handed out so far.</summary>
    public long BytesRead { get; private protected set; }

    public sealed override bool CanRead => true;
    public sealed override bool CanSeek => false;
    public sealed override bool CanWrite => false;
    public sealed override long Length => throw new NotSupportedException();
    public sealed override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public sealed override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public sealed override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public sealed override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await ReadBlockAsync(buffer, cancellationToken).ConfigureAwait(false);
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
            await DrainBlockAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (Fault())
        {
            throw;
        }
    }

    public sealed override void Flush() { }
    public sealed override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public sealed override void SetLength(long value) => throw new NotSupportedException();
    public sealed override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private protected abstract ValueTask<int> ReadBlockAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    private protected abstract Task DrainBlockAsync(CancellationToken cancellationToken);

    private protected static ConnectionClosedException ClosedEarly() =>
        new("The connection closed before the end of the multi-line data block.");

    private bool Fault()
    {
        IsFaulted = true;
        _onFault?.Invoke();
        return false;
    }
}
