using Inet.Core;

namespace Inet.Codecs;

/// <summary>
/// Collects one part's bytes in an aligned buffer and writes them to the file in whole aligned blocks that bypass the
/// page cache. The partial blocks at the part's two edges are shared with the neighbouring parts, so they go through
/// the ordinary (cached) handle, where the kernel merges both parts' bytes; a direct write never touches them.
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

    /// <summary>Stages <paramref name="data"/>, writing the buffer whenever it fills.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            data = Copy(data);
            if (_end == StageSize)
                WriteStaged();
        }
    }

    /// <summary>Asynchronous form of <see cref="Append"/>.</summary>
    public async ValueTask AppendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            data = data[(data.Length - Copy(data.Span).Length)..];
            if (_end == StageSize)
                await WriteStagedAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes what is staged, including the partial block at the end; the part is then on disk.</summary>
    public void Flush() => WriteStaged();

    /// <summary>Asynchronous form of <see cref="Flush"/>.</summary>
    public ValueTask FlushAsync(CancellationToken cancellationToken) => WriteStagedAsync(cancellationToken);

    /// <summary>Returns the buffer; staged bytes not flushed are dropped (the part is abandoned).</summary>
    public void Dispose()
    {
        if (_buffer is { } buffer)
            AlignedBufferPool.Return(buffer);
        _buffer = null;
    }

    private ReadOnlySpan<byte> Copy(ReadOnlySpan<byte> data)
    {
        var buffer = _buffer ?? throw new ObjectDisposedException(nameof(DirectPartStage));
        var count = Math.Min(data.Length, StageSize - _end);
        data[..count].CopyTo(buffer.Span[_end..]);
        _end += count;
        return data[count..];
    }

    private void WriteStaged()
    {
        var memory = (_buffer ?? throw new ObjectDisposedException(nameof(DirectPartStage))).Memory;
        var (head, direct, tail) = Split();
        if (!head.IsEmpty)
            _owner.WriteAt(memory.Span.Slice(head.Start, head.Length), _base + head.Start);
        if (!direct.IsEmpty)
            _owner.WriteDirectAt(memory.Slice(direct.Start, direct.Length), _base + direct.Start);
        if (!tail.IsEmpty)
            _owner.WriteAt(memory.Span.Slice(tail.Start, tail.Length), _base + tail.Start);
        Advance();
    }

    private async ValueTask WriteStagedAsync(CancellationToken cancellationToken)
    {
        var memory = (_buffer ?? throw new ObjectDisposedException(nameof(DirectPartStage))).Memory;
        var (head, direct, tail) = Split();
        if (!head.IsEmpty)
            await _owner.WriteAtAsync(memory.Slice(head.Start, head.Length), _base + head.Start, cancellationToken).ConfigureAwait(false);
        if (!direct.IsEmpty)
            await _owner.WriteDirectAtAsync(memory.Slice(direct.Start, direct.Length), _base + direct.Start, cancellationToken).ConfigureAwait(false);
        if (!tail.IsEmpty)
            await _owner.WriteAtAsync(memory.Slice(tail.Start, tail.Length), _base + tail.Start, cancellationToken).ConfigureAwait(false);
        Advance();
    }

    // Staged bytes as: the partial block shared with the previous part, whole blocks, the partial block at the end.
    private (StageRange Head, StageRange Direct, StageRange Tail) Split()
    {
        var headEnd = DirectFile.IsAligned(_start) ? _start : Math.Min((int)DirectFile.AlignDown(_start) + DirectFile.BlockSize, _end);
        var tailStart = Math.Max(headEnd, (int)DirectFile.AlignDown(_end));
        return (new StageRange(_start, headEnd), new StageRange(headEnd, tailStart), new StageRange(tailStart, _end));
    }

    // After a write the buffer starts over at the next file offset; a full buffer ends on a block boundary.
    private void Advance()
    {
        if (DirectFile.IsAligned(_end))
        {
            _base += _end;
            _start = _end = 0;
        }
        else
        {
            _start = _end; // only after the final flush; nothing more is appended
        }
    }

    private readonly record struct StageRange(int Start, int End)
    {
        public int Length => End - Start;

        public bool IsEmpty => End <= Start;
    }
}
