namespace Inet.Core;

/// <summary>
/// A read-only stream over one dot-terminated multi-line block (RFC 3977 3.1.1, RFC 5321 4.5.2):
/// strips the escaping dot, yields every line with CRLF, and ends at the lone "." line. If the
/// connection ends first, reading throws: a cut-off body is never passed off as complete.
/// </summary>
public sealed class DotBodyStream : DotBlockStream
{
    private static readonly byte[] CrLf = "\r\n"u8.ToArray();
    private byte[] _pending = [];
    private int _pendingOffset;
    private int _pendingLength;
    private bool _pendingCrLf;

    /// <param name="reader">The connection's line reader, positioned at the first line of the block.</param>
    /// <param name="onFault">Called when the block cannot be finished (connection lost, line too long).</param>
    public DotBodyStream(LineReader reader, Action? onFault = null) : base(reader, onFault) { }

    private protected override async ValueTask<int> ReadBlockAsync(Memory<byte> buffer, CancellationToken cancellationToken)
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
                if (!await Reader.FillAsync(cancellationToken).ConfigureAwait(false))
                    throw ClosedEarly();
            }
        }
        BytesRead += written;
        return written;
    }

    private protected override async Task DrainBlockAsync(CancellationToken cancellationToken)
    {
        _pendingLength = 0;
        _pendingCrLf = false;
        while (!IsCompleted)
        {
            while (!IsCompleted && Reader.TryReadLine(out var line))
                Unstuff(line);
            if (!IsCompleted && !await Reader.FillAsync(cancellationToken).ConfigureAwait(false))
                throw ClosedEarly();
        }
    }

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
        if (!Reader.TryReadLine(out var line))
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
