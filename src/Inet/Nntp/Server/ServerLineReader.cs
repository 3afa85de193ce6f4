using Inet.Core;

namespace Inet.Nntp.Server;

/// <summary>
/// The server's view of Core's <see cref="LineReader"/>: a too-long line is skipped (in bounded
/// memory) and reported instead of breaking the connection, the limit can differ per read
/// (commands vs. article lines), and before waiting for the network it runs <c>beforeWait</c>
/// (flush replies), which is what batches the replies to pipelined commands.
/// </summary>
internal sealed class ServerLineReader : IDisposable
{
    private readonly LineReader _reader;
    private readonly Func<CancellationToken, ValueTask> _beforeWait;
    private ReadOnlyMemory<byte> _line;

    public ServerLineReader(Stream stream, int maxLineLength, Func<CancellationToken, ValueTask> beforeWait)
    {
        _reader = new LineReader(stream, maxLineLength);
        _beforeWait = beforeWait;
    }

    /// <summary>The last line read, without its line ending; valid until the next read.</summary>
    public ReadOnlySpan<byte> Line => _line.Span;

    /// <summary>Reads one line of at most <paramref name="maxLength"/> bytes (never more than the reader's own limit).</summary>
    public async ValueTask<LineStatus> ReadLineAsync(int maxLength, CancellationToken cancellationToken)
    {
        while (true)
        {
            int before = _reader.Buffered.Length;
            bool complete;
            try
            {
                complete = TryTake(out int length);
                if (complete && length > maxLength)
                    return LineStatus.TooLong;
            }
            catch (ProtocolViolationException)
            {
                return await SkipRestOfLineAsync(cancellationToken).ConfigureAwait(false);
            }
            if (complete)
                return LineStatus.Line;
            if (before > maxLength + 1)
                return await SkipRestOfLineAsync(cancellationToken).ConfigureAwait(false);
            await _beforeWait(cancellationToken).ConfigureAwait(false);
            if (!await _reader.FillAsync(cancellationToken).ConfigureAwait(false))
                return LineStatus.EndOfStream;
        }
    }

    /// <summary>
    /// Drops every buffered byte and reads from a new transport (STARTTLS): nothing the client
    /// pipelined before the handshake may be taken as a command afterwards.
    /// </summary>
    public void Reset(Stream stream)
    {
        _reader.DiscardBuffered();
        _reader.ReplaceStream(stream);
    }

    /// <summary>
    /// Switches input to raw DEFLATE (RFC 8054) with bounded inflation; bytes already buffered were
    /// compressed by the client after it saw 206, so they are inflated first.
    /// </summary>
    public void StartInflating(Stream transport, int maxRatio)
    {
        byte[] leftover = _reader.BufferedMemory.ToArray();
        _reader.DiscardBuffered();
        Stream compressed = leftover.Length == 0 ? transport : new PrefixedStream(leftover, transport);
        _reader.ReplaceStream(new BoundedInflateStream(compressed, maxRatio));
    }

    public void Dispose() => _reader.Dispose();

    private bool TryTake(out int length)
    {
        var buffered = _reader.BufferedMemory;
        if (!_reader.TryReadLine(out var span))
        {
            length = 0;
            return false;
        }
        length = span.Length;
        _line = buffered[..length];
        return true;
    }

    /// <summary>Discards input up to and including the next LF, a buffer at a time.</summary>
    private async ValueTask<LineStatus> SkipRestOfLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var buffered = _reader.Buffered;
            int lf = buffered.IndexOf((byte)'\n');
            if (lf >= 0)
            {
                _reader.Consume(lf + 1);
                return LineStatus.TooLong;
            }
            _reader.Consume(buffered.Length);
            await _beforeWait(cancellationToken).ConfigureAwait(false);
            if (!await _reader.FillAsync(cancellationToken).ConfigureAwait(false))
                return LineStatus.EndOfStream;
        }
    }
}
