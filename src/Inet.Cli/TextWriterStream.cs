using System.Text;
using Inet.Core;

namespace Inet.Cli;

/// <summary>A write-only stream that forwards UTF-8 text to a <see cref="TextWriter"/> (the console or a test's writer).</summary>
internal sealed class TextWriterStream(TextWriter writer) : WriteOnlyStream
{
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var chars = new char[_decoder.GetCharCount(buffer, flush: false)];
        var count = _decoder.GetChars(buffer, chars, flush: false);
        writer.Write(chars, 0, count);
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

    public override void Flush() => writer.Flush();
}
