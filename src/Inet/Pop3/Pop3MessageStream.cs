using Inet.Core;

namespace Inet.Pop3;

/// <summary>
/// A message (RETR) or its head and first lines (TOP) as it arrives: dot-unstuffed, CRLF line ends,
/// ending at the server's lone "." line. Read it to the end or dispose it before the next command:
/// <see cref="DisposeAsync"/> skips the rest at once, <see cref="Stream.Dispose()"/> leaves that to the
/// client's next command. A connection lost midway makes the read throw, never end quietly.
/// </summary>
public sealed class Pop3MessageStream : Stream
{
    private readonly DotBodyStream _content;

    internal Pop3MessageStream(int number, long? size, DotBodyStream content)
    {
        Number = number;
        ExpectedSize = size;
        _content = content;
    }

    /// <summary>The message number.</summary>
    public int Number { get; }

    /// <summary>The size the server announced ("+OK 1234 octets"), if it did; a hint, not a promise.</summary>
    public long? ExpectedSize { get; }

    /// <summary>True once the whole message has been received.</summary>
    public bool IsComplete => _content.IsCompleted;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _content.BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => _content.Read(buffer, offset, count);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _content.ReadAsync(buffer, offset, count, cancellationToken);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _content.ReadAsync(buffer, cancellationToken);

    /// <summary>Reads the whole message into memory.</summary>
    public async Task<byte[]> ToArrayAsync(CancellationToken cancellationToken = default)
    {
        // The announced size is only a hint from the server: never trust it for more than 1 MiB up front.
        using var memory = new MemoryStream(ExpectedSize is > 0 and < 1024 * 1024 ? (int)ExpectedSize + 64 : 64 * 1024);
        await _content.CopyToAsync(memory, 81920, cancellationToken).ConfigureAwait(false);
        return memory.ToArray();
    }

    /// <summary>Skips what is left of the message so the session stays in step.</summary>
    public override async ValueTask DisposeAsync()
    {
        if (!_content.IsCompleted && !_content.IsFaulted)
        {
            try
            {
                await _content.DrainAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or TimeoutException or OperationCanceledException)
            {
                // The connection is marked broken already; the next command reports it.
            }
        }
        await base.DisposeAsync().ConfigureAwait(false);
    }

    internal DotBodyStream Content => _content;

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
