using System.Buffers;
using System.IO.Hashing;

namespace Inet.Codecs;

/// <summary>
/// Writes one part of a <see cref="MultipartAssembler"/> file at its offset, in as many chunks as the
/// decoder produces. One writer belongs to one thread at a time; different parts may be written concurrently.
/// </summary>
public sealed class PartWriter : IDisposable
{
    private readonly MultipartAssembler _owner;
    private readonly Crc32 _crc = new();
    private readonly long _limit; // first byte this part may not write
    private readonly DirectPartStage? _stage; // set when the file takes direct writes
    private long _received;
    private long _written;
    private bool _closed;

    internal PartWriter(MultipartAssembler owner, int partNumber, long offset, long? expectedLength, long limit, bool discarding,
        DirectPartStage? stage = null)
    {
        _owner = owner;
        _stage = stage;
        PartNumber = partNumber;
        Offset = offset;
        ExpectedLength = expectedLength;
        _limit = limit;
        IsDiscarding = discarding;
    }

    /// <summary>The part number (from 1).</summary>
    public int PartNumber { get; }

    /// <summary>Where the part starts in the file.</summary>
    public long Offset { get; }

    /// <summary>Announced length of the part, if known.</summary>
    public long? ExpectedLength { get; }

    /// <summary>Bytes handed to <see cref="Write"/> so far (including any beyond the announced length).</summary>
    public long BytesReceived => _received;

    /// <summary>True when the part was refused (duplicate, overlap, out of range): data is read and dropped.</summary>
    public bool IsDiscarding { get; }

    /// <summary>
    /// Set by a decoder that computes the CRC of what it hands over and ends the part with
    /// <see cref="Complete(uint, bool)"/> or <see cref="CompleteTruncated(uint)"/>: the writer then skips its own CRC pass.
    /// </summary>
    internal bool DecoderComputesCrc { get; set; }

    /// <summary>Writes the next chunk of the part. Bytes past the announced length are counted but not written.</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        var chunk = Accept(data.Length);
        if (chunk == 0)
            return;
        var slice = data[..chunk];
        if (_stage is not null)
            _stage.Append(slice);
        else
            _owner.WriteAt(slice, Offset + _written);
        if (!DecoderComputesCrc)
            _crc.Append(slice);
        _written += chunk;
    }

    /// <summary>Asynchronous form of <see cref="Write"/>.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var chunk = Accept(data.Length);
        if (chunk == 0)
            return;
        var slice = data[..chunk];
        if (_stage is not null)
            _stage.Append(slice.Span); // staged; whole blocks are written synchronously, as an async file write would be anyway
        else
            await _owner.WriteAtAsync(slice, Offset + _written, cancellationToken).ConfigureAwait(false);
        if (!DecoderComputesCrc)
            _crc.Append(slice.Span);
        _written += chunk;
    }

    /// <summary>
    /// A view for decoders that write into the part's staging buffer themselves (no copy), or null when the file is
    /// written through the cache. Bytes past the part's announced end are counted but dropped, as by <see cref="Write"/>.
    /// Only for decoders that compute the CRC (<see cref="DecoderComputesCrc"/>).
    /// </summary>
    internal IBufferWriter<byte>? StagingWriter => _stage is null || IsDiscarding || !DecoderComputesCrc ? null : new StagingBufferWriter(this);

    private sealed class StagingBufferWriter(PartWriter part) : IBufferWriter<byte>
    {
        public Span<byte> GetSpan(int sizeHint = 0) => part._stage!.GetSpan(sizeHint);

        public Memory<byte> GetMemory(int sizeHint = 0) => throw new NotSupportedException("Decoders write spans.");

        public void Advance(int count)
        {
            var accepted = part.Accept(count);
            part._stage!.Advance(accepted);
            part._written += accepted;
        }
    }

    /// <summary>
    /// Ends the part. <paramref name="expectedCrc32"/> is the CRC the sender announced (yEnc <c>pcrc32=</c>);
    /// the writer compares it with the CRC of what was written. Null means no CRC is known.
    /// </summary>
    public PartStatus Complete(uint? expectedCrc32 = null)
    {
        var actual = OwnCrc();
        return Close(actual, expectedCrc32 is null || expectedCrc32 == actual);
    }

    /// <summary>
    /// Ends the part for a decoder that checked the CRC itself: <paramref name="crc32"/> is the CRC of the decoded
    /// data, <paramref name="crcOk"/> whether it matched the sender's. A CRC that differs from what was written is a mismatch too.
    /// </summary>
    public PartStatus Complete(uint crc32, bool crcOk)
    {
        // Bytes the writer dropped (past the part's end) make the part a size mismatch whatever the CRC says.
        var actual = DecoderComputesCrc ? crc32 : _crc.GetCurrentHashAsUInt32();
        return Close(actual, crcOk && crc32 == actual);
    }

    /// <summary>
    /// Ends a part whose input stopped before its end marker (uuencode <c>end</c>, yEnc <c>=yend</c>): the bytes
    /// are kept, but the file is reported incomplete.
    /// </summary>
    public PartStatus CompleteTruncated() => CompleteTruncated(OwnCrc());

    /// <summary>
    /// <see cref="CompleteTruncated()"/> for a decoder that computed <paramref name="crc32"/>, the CRC of the bytes it
    /// handed over (see <see cref="DecoderComputesCrc"/>).
    /// </summary>
    internal PartStatus CompleteTruncated(uint crc32)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        _stage?.Flush();
        _closed = true;
        _stage?.Dispose();
        return _owner.EndPart(this, PartStatus.Truncated, _written, crc32);
    }

    /// <summary>Abandons the part if it was not completed: it counts as missing.</summary>
    public void Dispose()
    {
        if (_closed)
            return;
        _closed = true;
        _stage?.Dispose();
        _owner.EndPart(this, PartStatus.Abandoned, 0, 0);
    }

    private PartStatus Close(uint crc, bool crcOk)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        _stage?.Flush(); // before the part counts as written; a failure leaves it open, to be abandoned by Dispose
        _closed = true;
        _stage?.Dispose();
        var status = ExpectedLength is { } expected && expected != _received ? PartStatus.SizeMismatch
            : _received != _written ? PartStatus.SizeMismatch
            : crcOk ? PartStatus.Ok
            : PartStatus.CrcMismatch;
        return _owner.EndPart(this, status, _written, crc);
    }

    private uint OwnCrc() => DecoderComputesCrc
        ? throw new InvalidOperationException("The decoder computes this part's CRC; end it with the overloads that take it.")
        : _crc.GetCurrentHashAsUInt32();

    private int Accept(int length)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        _received += length;
        if (IsDiscarding)
            return 0;
        var room = _limit - Offset - _written;
        return (int)Math.Clamp(room, 0, length);
    }
}
