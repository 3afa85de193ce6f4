namespace Inet.Core;

/// <summary>Reads a few bytes already taken off the wire, then continues with the stream itself.</summary>
internal sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream inner) : ReadOnlyStream
{
    private int _offset;

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_offset < prefix.Length)
            return TakePrefix(buffer.AsSpan(offset, count));
        return inner.Read(buffer, offset, count);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_offset < prefix.Length)
            return ValueTask.FromResult(TakePrefix(buffer.Span));
        return inner.ReadAsync(buffer, cancellationToken);
    }

    private int TakePrefix(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, prefix.Length - _offset);
        prefix.Span.Slice(_offset, count).CopyTo(destination);
        _offset += count;
        return count;
    }
}
