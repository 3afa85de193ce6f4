namespace Inet.Core;

/// <summary>
/// A read-only stream over one dot-terminated multi-line block (RFC 3977 3.1.1, RFC 5321 4.5.2):
/// strips the escaping dot, yields every line with CRLF, and ends at the lone "." line. If the
/// connection ends first, reading throws: a cut-off body is never passed off as complete.
/// </summary>
public sealed class DotBodyStream : Stream, IDotBlock
{
    private static readonly byte[] CrLf = "\r\n"u8.ToArray();
    private readonly LineReader _reader;
    private readonly Action? _onFault;
    private byte[] _pending = [];
    private int _pendingOffset;
    private int _pendingLength;
    private bool _pendingCrLf;

    /// <param name="reader">The connection's line reader, positioned at the first line of the block.</param>
    /// <param name="onFault">Called when the block cannot be finished (connection lost, line too long).</param>
    public DotBodyStream(LineReader reader, Action? onFault = null)
    {
        _reader = reader;
        _onFault = onFault;
    }

    /// <summary>True when reading failed: the block is incomplete and the connection out of step.</summary>
    public bool IsFaulted { get; private set; }

    /// <summary>True once the terminating "." line has been read.</summary>
    public bool IsCompleted { get; private set; }

    /// <summary>Payload bytes handed out so far (after unstuffing, with CRLF line endings).</summary>
    public long BytesRead { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await ReadCoreAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (Fault())
        {
            throw;
        }
    }

    private async ValueTask<int> ReadCoreAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (buffer.Length == 0 || IsCompleted && _pendingLength == 0 && !_pendingCrLf)
            return 0;
        var written = 0;
        while (written < buffer.Length)
        {
            written += DrainPending(buffer.Span[written..]);
            if (written == buffer.Length || IsCompleted)
                break;
            if (!TakeBufferedLine(buffer.Span[written..], ref written))
            {
                if (written > 0)
                    break; // hand out what we have rather than wait
                if (!await _reader.FillAsync(cancellationToken).ConfigureAwait(false))
                    throw new ConnectionClosedException("The connection closed before the end of the multi-line data block.");
            }
        }
        BytesRead += written;
        return written;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Reads and discards the rest of the block so the connection stays in step.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await DrainCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (Fault())
        {
            throw;
        }
    }

    private bool Fault()
    {
        IsFaulted = true;
        _onFault?.Invoke();
        return false;
    }

    private async Task DrainCoreAsync(CancellationToken cancellationToken)
    {
        _pendingLength = 0;
        _pendingCrLf = false;
        while (!IsCompleted)
        {
            while (!IsCompleted && _reader.TryReadLine(out var line))
                Unstuff(line);
            if (!IsCompleted && !await _reader.FillAsync(cancellationToken).ConfigureAwait(false))
                throw new ConnectionClosedException("The connection closed before the end of the multi-line data block.");
        }
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int DrainPending(Span<byte> destination)
    {
        var copied = 0;
        if (_pendingLength > 0)
        {
            copied = Math.Min(_pendingLength, destination.Length);
            _pending.AsSpan(_pendingOffset, copied).CopyTo(destination);
            _pendingOffset += copied;
            _pendingLength -= copied;
            if (_pendingLength > 0)
                return copied;
        }
        if (_pendingCrLf && destination.Length - copied >= 2)
        {
            CrLf.CopyTo(destination[copied..]);
            copied += 2;
            _pendingCrLf = false;
        }
        else if (_pendingCrLf && destination.Length - copied == 1)
        {
            // Rare: a one-byte gap before CRLF; keep it as pending bytes.
            destination[copied++] = (byte)'\r';
            _pending = [(byte)'\n'];
            _pendingOffset = 0;
            _pendingLength = 1;
            _pendingCrLf = false;
        }
        return copied;
    }

    private bool TakeBufferedLine(Span<byte> destination, ref int written)
    {
        if (!_reader.TryReadLine(out var line))
            return false;
        Accept(line, destination, out var copied);
        written += copied;
        return true;
    }

    /// <summary>Removes the escaping dot; marks the end of the block at the lone "." line.</summary>
    private ReadOnlySpan<byte> Unstuff(ReadOnlySpan<byte> line)
    {
        if (line.Length == 0 || line[0] != (byte)'.')
            return line;
        if (line.Length > 1)
            return line[1..];
        IsCompleted = true;
        return default;
    }

    private void Accept(ReadOnlySpan<byte> line, Span<byte> destination, out int copied)
    {
        copied = 0;
        line = Unstuff(line);
        if (IsCompleted)
            return;
        if (line.Length + 2 <= destination.Length)
        {
            line.CopyTo(destination);
            CrLf.CopyTo(destination[line.Length..]);
            copied = line.Length + 2;
            return;
        }
        // The line does not fit: copy what fits, keep the rest (the reader's buffer is reused on the next fill).
        var fit = Math.Min(line.Length, destination.Length);
        line[..fit].CopyTo(destination);
        copied = fit;
        var rest = line[fit..];
        if (_pending.Length < rest.Length)
            _pending = new byte[Math.Max(rest.Length, 256)];
        rest.CopyTo(_pending);
        _pendingOffset = 0;
        _pendingLength = rest.Length;
        _pendingCrLf = true;
    }
}
