using Inet.Core;

namespace Inet.Ftp;

/// <summary>
/// One transfer's data: readable for RETR and listings, writable for STOR, APPE and STOU. Call
/// <see cref="CompleteAsync"/> at the end: it reads the server's final reply and checks the byte
/// count. Disposing without completing aborts the transfer (ABOR) and keeps the session usable;
/// after a cancelled read or write, or a synchronous Dispose, the session is marked broken instead
/// (reconnect). Only the asynchronous members read and write.
/// </summary>
public sealed class FtpTransferStream : Stream, IBlockingSource
{
    private readonly FtpClient _client;
    private readonly DataConnection? _data;
    private readonly bool _upload;
    private readonly long _restOffset;
    private bool _ended;
    private bool _done;
    private bool _cancelled;

    internal FtpTransferStream(FtpClient client, DataConnection? data, Reply opening, bool upload, long restOffset)
    {
        _client = client;
        _data = data;
        _upload = upload;
        _restOffset = restOffset;
        OpeningReply = opening;
        _ended = data is null;
        _done = data is null && !upload;
        AnnouncedLength = FtpDataAddress.AnnouncedSize(opening.Text);
        if (data is null)
            FinalReply = opening;
    }

    /// <summary>The 150/125 reply that opened the transfer (or the 226 of a transfer with no data).</summary>
    public Reply OpeningReply { get; }

    /// <summary>The size the opening reply announced ("(1234 bytes)"), if it did.</summary>
    public long? AnnouncedLength { get; }

    /// <summary>
    /// Bytes a download must deliver, when the caller knows (from SIZE or a listing, minus the
    /// restart offset). Checked by <see cref="CompleteAsync"/>; a binary download otherwise checks
    /// against <see cref="AnnouncedLength"/>.
    /// </summary>
    public long? ExpectedLength { get; set; }

    /// <summary>True when bytes are counted exactly (TYPE I); ASCII transfers change line endings.</summary>
    internal bool Binary { get; set; } = true;

    /// <summary>Bytes over the data connection so far.</summary>
    public long Bytes => _data is null ? 0 : _upload ? _data.BytesWritten : _data.BytesRead;

    /// <summary>The final reply, once complete.</summary>
    public Reply? FinalReply { get; private set; }

    public override bool CanRead => !_upload;
    public override bool CanWrite => _upload;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Bytes; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!MoreToRead(buffer.Length))
            return 0;
        int read;
        try
        {
            read = await _data!.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or TimeoutException)
        {
            throw Broke(e);
        }
        catch (OperationCanceledException)
        {
            _cancelled = true;
            throw;
        }
        return Arrived(read);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_upload)
            throw new NotSupportedException("A download stream is read, not written.");
        ObjectDisposedException.ThrowIf(_ended, this);
        try
        {
            await _data!.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or TimeoutException)
        {
            throw new FtpIncompleteTransferException($"The data connection broke after {Bytes} bytes were sent: {e.Message}", Bytes, inner: e);
        }
        catch (OperationCanceledException)
        {
            _cancelled = true;
            throw;
        }
    }

    /// <summary>A download whose data connection is still in blocking mode: <see cref="BlockPump"/> reads it on a thread of its own.</summary>
    bool IBlockingSource.ReadsBlocking => !_upload && !_ended && _data is { IsBlocking: true };

    int IBlockingSource.ReadBlocking(Span<byte> buffer)
    {
        if (!MoreToRead(buffer.Length))
            return 0;
        try
        {
            return Arrived(_data!.ReadBlocking(buffer));
        }
        catch (Exception e) when (e is IOException or TimeoutException)
        {
            throw Broke(e);
        }
    }

    /// <summary>Whether a read of <paramref name="length"/> bytes goes to the connection (not at the end, not empty); an upload is never read.</summary>
    private bool MoreToRead(int length)
    {
        if (_upload)
            throw new NotSupportedException("An upload stream is written, not read.");
        return !_ended && length > 0;
    }

    /// <summary>A read's result; 0 is the end of the data.</summary>
    private int Arrived(int read)
    {
        if (read == 0)
            _ended = true;
        return read;
    }

    /// <summary>Cancellation of a blocking read: the data connection is closed under it and the session is given up, as for a cancelled read.</summary>
    void IBlockingSource.Abort()
    {
        _cancelled = true;
        _data?.Abort();
    }

    private FtpIncompleteTransferException Broke(Exception e) =>
        new($"The data connection broke after {Bytes} bytes: {e.Message}", Bytes, Expected(), inner: e);

    /// <summary>
    /// Ends the transfer. An upload is closed (TLS close_notify, then the server's end) and a download
    /// must have been read to its end. Then the final reply (226/250) is read and the byte count
    /// checked. Anything short is an <see cref="FtpIncompleteTransferException"/>.
    /// </summary>
    public async Task<FtpTransferResult> CompleteAsync(CancellationToken cancellationToken = default)
    {
        if (_done)
            return new FtpTransferResult(Bytes, FinalReply!, FtpDataAddress.UniqueName(OpeningReply.Text));
        if (!_upload && !_ended)
        {
            await DisposeAsync().ConfigureAwait(false); // aborts
            throw new InvalidOperationException("The download was completed before its data ended; it was aborted.");
        }
        _done = true;
        try
        {
            if (_upload && _data is not null)
                await _data.CompleteWritingAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or TimeoutException)
        {
            await _data!.DisposeAsync().ConfigureAwait(false);
            await _client.AbortTransferAsync(cancellationToken).ConfigureAwait(false);
            throw new FtpIncompleteTransferException($"Closing the upload failed after {Bytes} bytes: {e.Message}", Bytes, inner: e);
        }
        _ended = true;
        if (_data is not null)
            await _data.DisposeAsync().ConfigureAwait(false);
        var reply = FinalReply ?? await _client.FinishTransferAsync(this, cancellationToken).ConfigureAwait(false);
        FinalReply = reply;
        if (!_upload && Expected() is { } expected && Bytes != expected
            && !(ExpectedLength is null && AnnouncedLength is { } announced && Bytes == announced))
        {
            throw new FtpIncompleteTransferException(
                $"The server ended the transfer with {reply.Code} after {Bytes} of {expected} bytes.", Bytes, expected, reply);
        }
        return new FtpTransferResult(Bytes, reply, FtpDataAddress.UniqueName(OpeningReply.Text) ?? FtpDataAddress.UniqueName(reply.Text));
    }

    /// <summary>What a download should deliver: the caller's figure, else the announced size less the restart offset.</summary>
    private long? Expected()
    {
        if (ExpectedLength is { } known)
            return known;
        if (!Binary || AnnouncedLength is not { } announced)
            return null;
        return announced - _restOffset;
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_done)
        {
            _done = true;
            _ended = true;
            if (_data is not null)
                await _data.DisposeAsync().ConfigureAwait(false);
            if (_cancelled)
                _client.AbandonTransfer(); // a cancelled command breaks the session (no waiting on ABOR)
            else
                await _client.AbortTransferAsync(CancellationToken.None).ConfigureAwait(false);
        }
        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>A synchronous dispose cannot wait for ABOR: it closes the data connection and marks the session broken.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_done)
        {
            _done = true;
            _ended = true;
            _data?.Dispose();
            _client.AbandonTransfer();
        }
        base.Dispose(disposing);
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("FTP data is read asynchronously: use ReadAsync or CopyToAsync.");

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("FTP data is written asynchronously: use WriteAsync.");

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() { }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
