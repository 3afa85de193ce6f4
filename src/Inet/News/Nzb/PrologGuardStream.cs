namespace Inet.News.Nzb;

/// <summary>
/// Passes bytes through unchanged while watching the XML prolog (everything before the root
/// element) for <c>&lt;!ENTITY</c>. DtdProcessing.Ignore already keeps declared entities from
/// being defined; this refuses such documents outright, with the line of the declaration.
/// Only ASCII-compatible encodings are watched; NZBs are UTF-8 or ISO-8859-1 in practice.
/// </summary>
internal sealed class PrologGuardStream(Stream inner) : Stream
{
    private static ReadOnlySpan<byte> Entity => "<!ENTITY"u8;
    private bool _done;
    private int _matched;
    private bool _afterLt;
    private int _line = 1;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        Scan(buffer[..n]);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Scan(buffer.Span[..n]);
        return n;
    }

    private void Scan(ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            if (_done)
                return;
            if (b == '\n')
                _line++;
            // '<' followed by a name start is the root element: the prolog is over.
            if (_afterLt && (char.IsAsciiLetter((char)b) || b is (byte)'_' or (byte)':'))
            {
                _done = true;
                return;
            }
            _afterLt = b == '<';
            _matched = b == Entity[_matched] ? _matched + 1 : (b == '<' ? 1 : 0);
            if (_matched == Entity.Length)
                throw new NzbFormatException("DOCTYPE declares entities, which NZB files never need", _line, 0);
        }
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
