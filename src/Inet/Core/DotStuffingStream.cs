namespace Inet.Core;

/// <summary>
/// A write-only stream that dot-stuffs what it is given (<see cref="DotStuffingEncoder"/>) into a
/// connection's write buffer, sending whenever enough has gathered. <see cref="Complete"/> queues the
/// terminating ".\r\n" but does not send it, so the caller can put the next command in the same write
/// (SMTP pipelining, RFC 2920).
/// </summary>
internal sealed class DotStuffingStream(TextConnection connection) : WriteOnlyStream
{
    /// <summary>Buffered bytes that trigger a send.</summary>
    private const int SendThreshold = 128 * 1024;

    private DotStuffingEncoder _encoder;

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("Write asynchronously: the data goes to the network.");

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _encoder.Encode(buffer.Span, connection.Output);
        if (connection.PendingOutput >= SendThreshold)
            await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() { }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Ends the last line if needed and queues ".\r\n".</summary>
    public void Complete() => _encoder.Complete(connection.Output);
}
