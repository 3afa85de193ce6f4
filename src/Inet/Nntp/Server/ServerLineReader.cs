using System.Buffers;
using System.IO.Pipelines;

namespace Inet.Nntp.Server;

/// <summary>
/// Reads bounded CRLF (or bare LF) lines from a client over a <see cref="PipeReader"/>. A line is
/// copied into a reusable buffer, valid until the next read; overlong lines are skipped in
/// bounded memory. Before it waits for the network it runs <c>beforeWait</c> (flush replies),
/// which is what batches the replies to pipelined commands.
/// </summary>
internal sealed class ServerLineReader : IAsyncDisposable
{
    private readonly Func<CancellationToken, ValueTask> _beforeWait;
    private PipeReader _reader;
    private ReadOnlySequence<byte> _buffer;
    private bool _holding;
    private bool _completed;
    private byte[] _line = new byte[512];
    private int _lineLength;

    public ServerLineReader(Stream stream, Func<CancellationToken, ValueTask> beforeWait)
    {
        _reader = Create(stream);
        _beforeWait = beforeWait;
    }

    /// <summary>The last line read, without its line ending.</summary>
    public ReadOnlySpan<byte> Line => _line.AsSpan(0, _lineLength);

    public async ValueTask<LineStatus> ReadLineAsync(int maxLength, CancellationToken cancellationToken)
    {
        bool discarding = false;
        while (true)
        {
            if (_holding)
            {
                SequencePosition? lf = _buffer.PositionOf((byte)'\n');
                if (lf is SequencePosition end)
                {
                    var line = _buffer.Slice(0, end);
                    _buffer = _buffer.Slice(_buffer.GetPosition(1, end));
                    if (discarding || line.Length > maxLength + 1)
                        return LineStatus.TooLong;
                    Copy(line);
                    return LineStatus.Line;
                }
                if (discarding || _buffer.Length > maxLength + 1)
                {
                    discarding = true;
                    _buffer = _buffer.Slice(_buffer.End);
                }
                if (_completed)
                    return LineStatus.EndOfStream;
                _reader.AdvanceTo(_buffer.Start, _buffer.End);
                _holding = false;
            }
            if (_completed)
                return LineStatus.EndOfStream;
            if (!_reader.TryRead(out ReadResult result))
            {
                await _beforeWait(cancellationToken).ConfigureAwait(false);
                result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            _buffer = result.Buffer;
            _holding = true;
            _completed = result.IsCompleted || result.IsCanceled;
        }
    }

    /// <summary>
    /// Drops every buffered byte and attaches to a new transport (STARTTLS): nothing the client
    /// sent before the handshake may be taken as a command afterwards.
    /// </summary>
    public async ValueTask ResetAsync(Stream stream)
    {
        await ReleaseAsync().ConfigureAwait(false);
        _reader = Create(stream);
        _completed = false;
    }

    public ValueTask DisposeAsync() => ReleaseAsync();

    private async ValueTask ReleaseAsync()
    {
        if (_holding)
        {
            _reader.AdvanceTo(_buffer.End);
            _holding = false;
        }
        await _reader.CompleteAsync().ConfigureAwait(false);
    }

    private void Copy(ReadOnlySequence<byte> line)
    {
        int length = (int)line.Length;
        if (length > 0 && (line.IsSingleSegment ? line.FirstSpan[^1] : line.Slice(length - 1).FirstSpan[0]) == (byte)'\r')
            length--;
        if (_line.Length < length)
            _line = new byte[Math.Max(length, _line.Length * 2)];
        line.Slice(0, length).CopyTo(_line);
        _lineLength = length;
    }

    private static PipeReader Create(Stream stream)
        => PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, minimumReadSize: 4096, leaveOpen: true));
}
