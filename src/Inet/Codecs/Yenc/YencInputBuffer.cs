namespace Inet.Codecs.Yenc;

/// <summary>
/// A fixed-size read buffer over a stream that hands out either raw bytes (for the decoder) or lines
/// (for headers). Lines longer than the buffer are cut at the buffer size and the rest skipped, so
/// memory stays bounded whatever the input.
/// </summary>
internal sealed class YencInputBuffer(Stream source, byte[] buffer)
{
    private bool _skipRest;
    private bool _eof;

    public int Start { get; set; }
    public int End { get; private set; }
    public int LineStart { get; private set; }
    public int LineLength { get; private set; }

    /// <summary>Bytes read but not yet consumed.</summary>
    public ReadOnlySpan<byte> Available => buffer.AsSpan(Start, End - Start);

    /// <summary>The line found by the last <see cref="NextLineAsync"/>, LF included when present.</summary>
    public ReadOnlySpan<byte> Line => buffer.AsSpan(LineStart, LineLength);

    /// <summary>True once the stream has reported its end.</summary>
    public bool IsEndOfStream => _eof;

    /// <summary>Moves unconsumed bytes to the front and reads more; false when the stream has ended.</summary>
    public async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_eof)
            return false;
        if (Start > 0)
        {
            buffer.AsSpan(Start, End - Start).CopyTo(buffer);
            End -= Start;
            Start = 0;
        }
        if (End == buffer.Length)
            return true;
        var read = await source.ReadAsync(buffer.AsMemory(End), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            _eof = true;
            return false;
        }
        End += read;
        return true;
    }

    /// <summary>Makes at least <paramref name="count"/> bytes available if the stream has them.</summary>
    public async ValueTask EnsureAsync(int count, CancellationToken cancellationToken)
    {
        while (End - Start < count && await FillAsync(cancellationToken).ConfigureAwait(false))
        {
        }
    }

    /// <summary>Finds the next line; false when the stream has ended with nothing left.</summary>
    public async ValueTask<bool> NextLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var lf = buffer.AsSpan(Start, End - Start).IndexOf((byte)'\n');
            if (lf >= 0)
            {
                var start = Start;
                Start += lf + 1;
                if (_skipRest)
                {
                    _skipRest = false;
                    continue;
                }
                LineStart = start;
                LineLength = lf + 1;
                return true;
            }
            if (End - Start == buffer.Length)
            {
                // Overlong: hand out what fits (or drop it when already skipping), skip to the next LF.
                var start = Start;
                Start = End;
                if (!_skipRest)
                {
                    _skipRest = true;
                    LineStart = start;
                    LineLength = buffer.Length;
                    return true;
                }
            }
            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                if (End == Start || _skipRest)
                    return false;
                LineStart = Start;
                LineLength = End - Start;
                Start = End;
                return true;
            }
        }
    }
}
