using System.Buffers;
using System.Globalization;
using System.Text;
using Inet.Core;

namespace Inet.Smtp;

/// <summary>
/// Frames message content as BDAT chunks (RFC 3030): gathers up to <see cref="ChunkSize"/> bytes with
/// bare LF turned into CRLF, then queues "BDAT n" and the bytes; <see cref="CompleteAsync"/> queues the
/// rest as "BDAT n LAST". Without pipelining each chunk's reply is awaited through
/// <c>readReply</c>; with it the replies are left for the caller (<see cref="UnansweredChunks"/>).
/// </summary>
internal sealed class BdatStream(TextConnection connection, Func<CancellationToken, ValueTask>? readReply) : WriteOnlyStream, IAsyncDisposable
{
    public const int ChunkSize = 1024 * 1024;

    private byte[] _chunk = ArrayPool<byte>.Shared.Rent(ChunkSize + 1);
    private int _length;
    private bool _lastWasCr;

    /// <summary>Chunks sent whose replies nobody has read yet (the last one included once complete).</summary>
    public int UnansweredChunks { get; private set; }

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("Write asynchronously: the data goes to the network.");

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var source = buffer;
        while (!source.IsEmpty)
        {
            if (_length >= ChunkSize)
                await SendChunkAsync(last: false, cancellationToken).ConfigureAwait(false);
            source = source[Append(source.Span)..];
        }
    }

    public override void Flush() { }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Queues the last chunk ("BDAT n LAST"; n may be 0). Its reply is the message's final reply.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await SendChunkAsync(last: true, cancellationToken).ConfigureAwait(false);
        UnansweredChunks--; // the LAST chunk's reply is the final reply, read as such
    }

    public override ValueTask DisposeAsync()
    {
        var chunk = Interlocked.Exchange(ref _chunk, []);
        if (chunk.Length > 0)
            ArrayPool<byte>.Shared.Return(chunk);
        return ValueTask.CompletedTask;
    }

    /// <summary>Copies as much as fits into the chunk, adding CR before each bare LF; returns the bytes taken.</summary>
    private int Append(ReadOnlySpan<byte> source)
    {
        var taken = 0;
        while (taken < source.Length && _length < ChunkSize)
        {
            var room = ChunkSize - _length;
            var run = source.Slice(taken, Math.Min(room, source.Length - taken));
            var lf = run.IndexOf((byte)'\n');
            if (lf < 0)
            {
                run.CopyTo(_chunk.AsSpan(_length));
                _length += run.Length;
                _lastWasCr = run[^1] == (byte)'\r';
                taken += run.Length;
                continue;
            }
            run[..lf].CopyTo(_chunk.AsSpan(_length));
            _length += lf;
            var precededByCr = lf > 0 ? run[lf - 1] == (byte)'\r' : _lastWasCr;
            if (!precededByCr)
                _chunk[_length++] = (byte)'\r'; // the buffer has one byte of slack for this
            _chunk[_length++] = (byte)'\n';
            _lastWasCr = false;
            taken += lf + 1;
        }
        return taken;
    }

    private async ValueTask SendChunkAsync(bool last, CancellationToken cancellationToken)
    {
        var command = string.Create(CultureInfo.InvariantCulture, $"BDAT {_length}{(last ? " LAST" : "")}");
        connection.Log.Client(command);
        var output = connection.Output;
        var header = Encoding.ASCII.GetBytes(command + "\r\n");
        output.Write(header);
        output.Write(_chunk.AsSpan(0, _length));
        _length = 0;
        UnansweredChunks++;
        if (last)
            return; // queued: the next envelope may go in the same write
        await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (readReply is not null)
        {
            await readReply(cancellationToken).ConfigureAwait(false);
            UnansweredChunks--;
        }
    }
}
