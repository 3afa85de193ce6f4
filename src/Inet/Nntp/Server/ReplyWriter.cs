using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics;
using System.Text;

namespace Inet.Nntp.Server;

/// <summary>
/// Buffered reply output of one session: replies are queued in a pooled buffer and flushed
/// once per batch, big article blocks go straight to the stream. Applies the byte-count fault.
/// </summary>
internal sealed class ReplyWriter : IDisposable
{
    private const int FlushThreshold = 32 * 1024;
    private static readonly byte[] s_crlf = "\r\n"u8.ToArray();

    private readonly long? _disconnectAfter;
    private readonly NntpFaults _faults;
    private long _throttleStart = Stopwatch.GetTimestamp();
    private long _throttleSent;
    private Stream _stream;
    private byte[] _buffer;
    private int _count;
    private long _sent;

    public ReplyWriter(Stream stream, NntpFaults faults)
    {
        _stream = stream;
        _faults = faults;
        _disconnectAfter = faults.DisconnectAfterBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    }

    public bool HasPending => _count > 0;

    /// <summary>Switch to a new transport (after STARTTLS); pending bytes must have been flushed.</summary>
    public void Reset(Stream stream)
    {
        _stream = stream;
        _count = 0;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_count));
        _count += bytes.Length;
    }

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_count++] = value;
    }

    /// <summary>Writes text as UTF-8 (status lines and listings are ASCII in practice).</summary>
    public void WriteText(ReadOnlySpan<char> text)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
        _count += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_count));
    }

    public void WriteNumber(long value)
    {
        Ensure(20);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_count), out int written);
        _count += written;
    }

    public void EndLine() => Write(s_crlf);

    public void WriteLine(ReadOnlySpan<char> text)
    {
        WriteText(text);
        EndLine();
    }

    public void WriteStatus(int code, ReadOnlySpan<char> text)
    {
        WriteNumber(code);
        WriteByte((byte)' ');
        WriteLine(text);
    }

    /// <summary>Ends a multi-line block.</summary>
    public void WriteTerminator() => Write(".\r\n"u8);

    /// <summary>Writes a large block (an already dot-stuffed article): copied if small, else sent directly.</summary>
    public async ValueTask WriteBlockAsync(ReadOnlyMemory<byte> block, CancellationToken cancellationToken)
    {
        int room = _buffer.Length - _count;
        if (block.Length <= room)
        {
            Write(block.Span);
            return;
        }
        // Top up the queued status line with the start of the block, so both leave in one write,
        // then send the rest straight from the stored article.
        block.Span[..room].CopyTo(_buffer.AsSpan(_count));
        int count = _count + room;
        _count = 0;
        await SendAsync(_buffer.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
        await SendAsync(block[room..], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Flushes when enough is queued; call inside long listings to bound memory.</summary>
    public ValueTask FlushIfFullAsync(CancellationToken cancellationToken)
        => _count >= FlushThreshold ? FlushAsync(cancellationToken) : ValueTask.CompletedTask;

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_count == 0)
            return;
        int count = _count;
        _count = 0;
        await SendAsync(_buffer.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (_disconnectAfter is long limit && _sent + data.Length > limit)
        {
            int allowed = (int)Math.Max(0, limit - _sent);
            if (allowed > 0)
                await _stream.WriteAsync(data[..allowed], cancellationToken).ConfigureAwait(false);
            _sent += allowed;
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            throw new FaultDisconnectException();
        }
        if (_faults.MaxBytesPerSecond is long rate && rate > 0)
        {
            await SendThrottledAsync(data, rate, cancellationToken).ConfigureAwait(false);
            return;
        }
        await _stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        _sent += data.Length;
    }

    /// <summary>Sends in small slices and sleeps whenever the connection is ahead of the allowed rate.</summary>
    private async ValueTask SendThrottledAsync(ReadOnlyMemory<byte> data, long rate, CancellationToken cancellationToken)
    {
        // After an idle spell, start a new measuring window so the quiet time is not spent as a burst.
        if (Stopwatch.GetElapsedTime(_throttleStart) - TimeSpan.FromSeconds((double)_throttleSent / rate) > TimeSpan.FromMilliseconds(100))
        {
            _throttleStart = Stopwatch.GetTimestamp();
            _throttleSent = 0;
        }
        int slice = (int)Math.Clamp(rate / 20, 1, 16 * 1024);
        while (!data.IsEmpty)
        {
            var part = data[..Math.Min(slice, data.Length)];
            await _stream.WriteAsync(part, cancellationToken).ConfigureAwait(false);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            _sent += part.Length;
            _throttleSent += part.Length;
            data = data[part.Length..];
            var due = TimeSpan.FromSeconds((double)_throttleSent / rate) - Stopwatch.GetElapsedTime(_throttleStart);
            if (due > TimeSpan.Zero)
                await Task.Delay(due, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Ensure(int extra)
    {
        if (_count + extra <= _buffer.Length)
            return;
        // Grows only for one oversized line; listings flush through FlushIfFullAsync long before.
        byte[] bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _count + extra));
        _buffer.AsSpan(0, _count).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = [];
        _count = 0;
        if (buffer.Length > 0)
            ArrayPool<byte>.Shared.Return(buffer);
    }
}
