using Inet.Core;

namespace Inet.Codecs;

/// <summary>
/// Collects one part's bytes in an aligned buffer and writes them to the file in whole aligned blocks that bypass the
/// page cache. The partial blocks at the part's two edges are shared with the neighbouring parts, so they go through
/// the ordinary (cached) handle, where the kernel merges both parts' bytes; a direct write never touches them.
/// A decoder may also write into the buffer itself (<see cref="GetSpan"/>, <see cref="Advance"/>), saving a copy.
/// </summary>
internal sealed class DirectPartStage : IDisposable
{
    /// <summary>Bytes staged before a write: most yEnc parts (about 750 KB) fit, so a part is one direct write.</summary>
    public const int StageSize = 1024 * 1024;

    private readonly MultipartAssembler _owner;
    private AlignedBuffer? _buffer;
    private long _base; // file offset of buffer[0], always aligned
    private int _start; // first staged byte of the part (past the bytes of the previous part's block)
    private int _end;   // end of the staged bytes

    public DirectPartStage(MultipartAssembler owner, long offset)
    {
        _owner = owner;
        _buffer = AlignedBufferPool.Rent(StageSize);
        _base = DirectFile.AlignDown(offset);
        _start = _end = (int)(offset - _base);
    }

    /// <summary>Room for at least <paramref name="sizeHint"/> (at most half the stage) more bytes, writing staged blocks if needed.</summary>
    public Span<byte> GetSpan(int sizeHint)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sizeHint, StageSize / 2);
        if (StageSize - _end < Math.Max(sizeHint, 1))
            WriteBlocks(final: false);
        return Buffer.Span[_end..];
    }

    /// <summary>Takes <paramref name="count"/> bytes written into the span from <see cref="GetSpan"/>.</summary>
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, StageSize - _end);
        _end += count;
    }

    /// <summary>Stages a copy of <paramref name="data"/>, writing staged blocks whenever the buffer fills.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            if (_end == StageSize)
                WriteBlocks(final: false);
            var count = Math.Min(data.Length, StageSize - _end);
            data[..count].CopyTo(Buffer.Span[_end..]);
            _end += count;
            data = data[count..];
        }
    }

    /// <summary>Writes what is staged, including the partial block at the end; the part is then on disk.</summary>
    public void Flush() => WriteBlocks(final: true);

    /// <summary>Returns the buffer; staged bytes not flushed are dropped (the part is abandoned).</summary>
    public void Dispose()
    {
        if (_buffer is { } buffer)
            AlignedBufferPool.Return(buffer);
        _buffer = null;
    }

    private AlignedBuffer Buffer => _buffer ?? throw new ObjectDisposedException(nameof(DirectPartStage));

    // Writes the block shared with the previous part (cached), the whole blocks (direct) and, at the end of the part, the
    // block shared with the next part (cached). Before that, the unfinished last block moves to the front instead.
    private void WriteBlocks(bool final)
    {
        var bytes = Buffer.Span;
        var headEnd = DirectFile.IsAligned(_start) ? _start : Math.Min((int)DirectFile.AlignDown(_start) + DirectFile.BlockSize, _end);
        var tailStart = Math.Max(headEnd, (int)DirectFile.AlignDown(_end));
        if (headEnd > _start)
            _owner.WriteAt(bytes[_start..headEnd], _base + _start);
        if (tailStart > headEnd)
            _owner.WriteDirectAt(bytes[headEnd..tailStart], _base + headEnd);
        if (final)
        {
            if (_end > tailStart)
                _owner.WriteAt(bytes[tailStart.._end], _base + tailStart);
            _start = _end; // nothing is appended after the final write
            return;
        }
        bytes[tailStart.._end].CopyTo(bytes);
        _base += tailStart;
        _end -= tailStart;
        _start = 0;
    }
}
