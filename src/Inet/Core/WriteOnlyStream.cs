namespace Inet.Core;

/// <summary>
/// Base for forward-only write streams: the capability flags and every read/seek member answer
/// "not supported" here once, so each subclass holds only its writing and flushing logic.
/// </summary>
internal abstract class WriteOnlyStream : Stream
{
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();

    // Subclasses that count what they take override the getter; setting is never supported.
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
