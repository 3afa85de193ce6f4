using System.Buffers;
using MimeKit;

namespace Inet.Smtp;

/// <summary>
/// A message to send, streamed in one pass: raw RFC 5322 bytes from a file or a stream (sent as they
/// are, bare LF turned into CRLF), or a MimeKit <see cref="MimeMessage"/>. Before sending, the client
/// learns its size (for SIZE, so an oversized message is refused before any of it goes out) and whether
/// it holds 8-bit bytes (for BODY=8BITMIME).
/// </summary>
public abstract class SmtpMessage
{
    /// <summary>Files up to this size are read once into memory, scanned and sent from there.</summary>
    private protected const int InMemoryLimit = 1024 * 1024;

    /// <summary>A file sent as it is.</summary>
    public static SmtpMessage FromFile(string path) => new FileMessage(path ?? throw new ArgumentNullException(nameof(path)));

    /// <summary>
    /// Raw message bytes. A seekable stream is scanned from its position first (size, 8-bit); any other
    /// stream is sent with no SIZE declared and BODY=8BITMIME when the server offers it.
    /// </summary>
    public static SmtpMessage FromStream(Stream stream, bool leaveOpen = true) =>
        new StreamMessage(stream ?? throw new ArgumentNullException(nameof(stream)), leaveOpen);

    /// <summary>A MimeKit message, formatted with CRLF line endings.</summary>
    public static SmtpMessage FromMimeMessage(MimeMessage message) =>
        new MimeMessageSource(message ?? throw new ArgumentNullException(nameof(message)));

    /// <summary>Opens the content for one send: size and 8-bit facts, and a writer.</summary>
    internal abstract ValueTask<SmtpMessageContent> OpenAsync(CancellationToken cancellationToken);

    private sealed class FileMessage(string path) : SmtpMessage
    {
        internal override async ValueTask<SmtpMessageContent> OpenAsync(CancellationToken cancellationToken)
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
            try
            {
                if (stream.Length <= InMemoryLimit)
                {
                    var bytes = new byte[stream.Length];
                    await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
                    await stream.DisposeAsync().ConfigureAwait(false);
                    return SmtpMessageContent.FromBytes(bytes);
                }
                return await SmtpMessageContent.FromSeekableAsync(stream, ownsStream: true, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await stream.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    private sealed class StreamMessage(Stream stream, bool leaveOpen) : SmtpMessage
    {
        internal override async ValueTask<SmtpMessageContent> OpenAsync(CancellationToken cancellationToken)
        {
            if (stream.CanSeek)
                return await SmtpMessageContent.FromSeekableAsync(stream, ownsStream: !leaveOpen, cancellationToken).ConfigureAwait(false);
            return new SmtpMessageContent(null, true, (destination, ct) => stream.CopyToAsync(destination, ct),
                leaveOpen ? null : stream);
        }
    }

    private sealed class MimeMessageSource(MimeMessage message) : SmtpMessage
    {
        private static readonly FormatOptions Format = CreateFormat();

        internal override async ValueTask<SmtpMessageContent> OpenAsync(CancellationToken cancellationToken)
        {
            // Measured by formatting it once into a counter: a MimeMessage is in memory already, and the
            // count is what SIZE must declare.
            var measure = new MeasuringStream();
            await message.WriteToAsync(Format, measure, cancellationToken).ConfigureAwait(false);
            return new SmtpMessageContent(measure.Length, measure.EightBit,
                (destination, ct) => message.WriteToAsync(Format, destination, ct), null);
        }

        private static FormatOptions CreateFormat()
        {
            var format = FormatOptions.Default.Clone();
            format.NewLineFormat = NewLineFormat.Dos;
            return format;
        }
    }

    private sealed class MeasuringStream : Core.WriteOnlyStream
    {
        private long _length;

        public override long Length => _length;

        public bool EightBit { get; private set; }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _length += buffer.Length;
            EightBit |= buffer.IndexOfAnyExceptInRange((byte)0, (byte)0x7f) >= 0;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush() { }
    }
}
