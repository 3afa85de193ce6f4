using System.Buffers;

namespace Inet.Smtp;

/// <summary>
/// One opened message: its size on the wire with CRLF line endings (null when unknown), whether it
/// holds 8-bit bytes, and how to write it (raw; the sender adds dot-stuffing or BDAT framing).
/// </summary>
internal sealed class SmtpMessageContent(long? size, bool eightBit, Func<Stream, CancellationToken, Task> writeTo, IAsyncDisposable? owned)
    : IAsyncDisposable
{
    public long? Size { get; } = size;

    public bool EightBit { get; } = eightBit;

    public Task WriteToAsync(Stream destination, CancellationToken cancellationToken) => writeTo(destination, cancellationToken);

    public ValueTask DisposeAsync() => owned?.DisposeAsync() ?? ValueTask.CompletedTask;

    public static SmtpMessageContent FromBytes(byte[] bytes)
    {
        var scan = new ContentScan();
        scan.Add(bytes);
        return new SmtpMessageContent(scan.WireLength, scan.EightBit,
            (destination, ct) => destination.WriteAsync(bytes, ct).AsTask(), null);
    }

    /// <summary>Scans from the stream's position to its end, then goes back there to send.</summary>
    public static async ValueTask<SmtpMessageContent> FromSeekableAsync(Stream stream, bool ownsStream, CancellationToken cancellationToken)
    {
        var start = stream.Position;
        var scan = new ContentScan();
        var buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                scan.Add(buffer.AsSpan(0, read));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        stream.Position = start;
        return new SmtpMessageContent(scan.WireLength, scan.EightBit,
            (destination, ct) => stream.CopyToAsync(destination, 256 * 1024, ct), ownsStream ? stream : null);
    }

    /// <summary>Length once bare LFs become CRLF, and whether any byte is 8-bit, over chunks of any size.</summary>
    private struct ContentScan
    {
        private long _length;
        private long _bareLineFeeds;
        private bool _lastWasCr;

        public readonly long WireLength => _length + _bareLineFeeds;

        public bool EightBit { get; private set; }

        public void Add(ReadOnlySpan<byte> chunk)
        {
            if (chunk.IsEmpty)
                return;
            _length += chunk.Length;
            EightBit |= chunk.IndexOfAnyExceptInRange((byte)0, (byte)0x7f) >= 0;
            var lineFeeds = chunk.Count((byte)'\n');
            if (lineFeeds > 0)
            {
                var crlf = chunk.Count("\r\n"u8) + (_lastWasCr && chunk[0] == (byte)'\n' ? 1 : 0);
                _bareLineFeeds += lineFeeds - crlf;
            }
            _lastWasCr = chunk[^1] == (byte)'\r';
        }
    }
}
