using System.Buffers;

namespace Inet.Codecs;

/// <summary>
/// The uudecode state machine: finds <c>begin</c> lines among other text, decodes data lines, and reports each
/// file to an <see cref="IUuOutput"/>. Decoded bytes are batched so the output sees large writes.
/// </summary>
internal sealed class UuLineProcessor : IDisposable
{
    private const int BatchSize = 64 * 1024;

    private readonly IUuOutput _output;
    private readonly int _maxLineLength;
    private byte[]? _batch = ArrayPool<byte>.Shared.Rent(BatchSize + UuLine.MaxLineBytes + UuLine.OutputSlack);
    private int _batched;
    private State _state;
    private bool _skippingLongLine;

    public UuLineProcessor(IUuOutput output, int maxLineLength)
    {
        _output = output;
        _maxLineLength = maxLineLength;
    }

    private enum State
    {
        Scanning,
        Data,
        AfterZeroLine, // a zero-length line was seen; "end" should follow
    }

    /// <summary>Number of files begun so far.</summary>
    public int FilesSeen { get; private set; }

    /// <summary>
    /// Processes every complete line in <paramref name="data"/> and returns how many bytes were used; with
    /// <paramref name="final"/> the rest is taken as a last line. Lines longer than the limit are skipped as text.
    /// </summary>
    public int ProcessLines(ReadOnlySpan<byte> data, bool final)
    {
        var consumed = 0;
        while (consumed < data.Length)
        {
            if (_state == State.Data && !_skippingLongLine)
                consumed += DecodeFullLines(data[consumed..]);
            var rest = data[consumed..];
            if (rest.IsEmpty)
                break;
            var newline = rest.IndexOf((byte)'\n');
            if (newline < 0)
            {
                if (!final && rest.Length <= _maxLineLength)
                    break;
                newline = rest.Length; // last line without line end, or an overlong piece
            }
            var line = rest[..newline];
            if (_skippingLongLine)
                _skippingLongLine = newline == rest.Length && !final;
            else if (line.Length > _maxLineLength)
            {
                ProcessLine([(byte)'~']); // not uu data: ends a file in progress
                _skippingLongLine = newline == rest.Length && !final;
            }
            else
                ProcessLine(line);
            consumed += Math.Min(newline + 1, rest.Length);
        }
        return consumed;
    }

    // Hot loop over the lines nearly every encoder writes: 'M', 60 characters, LF or CRLF.
    private int DecodeFullLines(ReadOnlySpan<byte> data)
    {
        var batch = _batch!;
        var used = 0;
        while (data.Length - used >= 62 && data[used] == 'M')
        {
            var lineEnd = data[used + 61] == '\n' ? 62
                : data[used + 61] == '\r' && data.Length - used >= 63 && data[used + 62] == '\n' ? 63
                : 0;
            if (lineEnd == 0 || !UuLine.TryDecodeFullLine(data.Slice(used + 1, 60), batch.AsSpan(_batched)))
                break; // anything unusual goes through the general path
            _batched += UuLine.BytesPerLine;
            used += lineEnd;
            if (_batched >= BatchSize)
                Flush();
        }
        return used;
    }

    /// <summary>The input ended: a file still open is reported incomplete.</summary>
    public void Finish()
    {
        if (_state != State.Scanning)
            EndFile(complete: false);
    }

    public void Dispose()
    {
        if (_batch is not null)
            ArrayPool<byte>.Shared.Return(_batch);
        _batch = null;
    }

    private void ProcessLine(ReadOnlySpan<byte> line)
    {
        if (!line.IsEmpty && line[^1] == '\r')
            line = line[..^1];
        if (_state == State.Scanning)
        {
            if (UuBeginLine.TryParse(line, out var header))
            {
                FilesSeen++;
                _output.BeginFile(header!);
                _state = State.Data;
            }
            return;
        }
        if (UuLine.IsEnd(line))
        {
            EndFile(complete: true);
            return;
        }
        ObjectDisposedException.ThrowIf(_batch is null, this);
        var count = UuLine.Decode(line, _batch.AsSpan(_batched));
        if (count < 0)
        {
            // Text where data should be: the article was cut. The line may begin the next file.
            EndFile(complete: false);
            ProcessLine(line);
            return;
        }
        if (count == 0)
        {
            _state = State.AfterZeroLine;
            return;
        }
        _state = State.Data; // tolerate a blank line inside the data
        _batched += count;
        if (_batched >= BatchSize)
            Flush();
    }

    private void EndFile(bool complete)
    {
        Flush();
        _state = State.Scanning;
        _output.EndFile(complete);
    }

    private void Flush()
    {
        if (_batched == 0)
            return;
        _output.Write(_batch.AsSpan(0, _batched));
        _batched = 0;
    }
}
