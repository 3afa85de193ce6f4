using Inet.Core;

namespace Inet.Codecs;

/// <summary>A write-only stream over a <see cref="PartWriter"/>, for APIs that decode into a stream (MimeKit).</summary>
internal sealed class PartWriterStream(PartWriter writer) : WriteOnlyStream
{
    public override long Length => writer.BytesReceived;
    public override long Position => writer.BytesReceived;

    public override void Write(byte[] buffer, int offset, int count) => writer.Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => writer.Write(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        writer.WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        writer.WriteAsync(buffer, cancellationToken);

    public override void Flush()
    {
    }
}
