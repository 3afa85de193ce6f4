using System.IO.Compression;

namespace Inet.Core;

/// <summary>
/// Inflates a raw DEFLATE stream (RFC 8054 COMPRESS) and stops a decompression bomb: once more than
/// 1 MiB has come out, the output may not exceed <c>maxRatio</c> times the compressed input.
/// </summary>
internal sealed class BoundedInflateStream : ReadOnlyStream
{
    private const long FreeAllowance = 1024 * 1024;
    private readonly CountingReadStream _compressed;
    private readonly DeflateStream _inflater;
    private readonly int _maxRatio;
    private long _inflated;

    public BoundedInflateStream(Stream compressed, int maxRatio)
    {
        _compressed = new CountingReadStream(compressed);
        _inflater = new DeflateStream(_compressed, CompressionMode.Decompress, leaveOpen: true);
        _maxRatio = maxRatio;
    }

    public override long Position => _inflated;

    public override int Read(byte[] buffer, int offset, int count) => Check(_inflater.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Check(await _inflater.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _inflater.Dispose();
        base.Dispose(disposing);
    }

    private int Check(int read)
    {
        _inflated += read;
        if (_inflated > FreeAllowance && _inflated > _compressed.BytesRead * _maxRatio)
            throw new ProtocolViolationException(
                $"The compressed stream inflates beyond {_maxRatio}:1 ({_inflated} bytes from {_compressed.BytesRead}); refusing a decompression bomb.");
        return read;
    }

    private sealed class CountingReadStream(Stream inner) : ReadOnlyStream
    {
        public long BytesRead { get; private set; }
        public override long Position => BytesRead;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            BytesRead += read;
            return read;
        }
    }
}
