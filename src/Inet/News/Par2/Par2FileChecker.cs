using System.Buffers;
using System.IO.Hashing;
using System.Security.Cryptography;

namespace Inet.News.Par2;

/// <summary>
/// Streams one file through the full-file MD5 and the per-slice MD5 + CRC32, zero-padding the
/// last slice to the slice size as the specification requires. Memory is one read buffer.
/// </summary>
internal sealed class Par2FileChecker : IDisposable
{
    private readonly long _sliceSize;
    private readonly byte[] _buffer;
    private readonly IncrementalHash _sliceMd5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private readonly Crc32 _crc = new();

    public Par2FileChecker(long sliceSize, int bufferSize)
    {
        _sliceSize = sliceSize;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(4096, bufferSize));
    }

    /// <summary>Returns whether the full MD5 matched (only computed when the length is right)
    /// and which slices are damaged (empty when the entry has no slice checksums).</summary>
    public async Task<(bool Md5Ok, List<long> DamagedSlices)> CheckAsync(string path, Par2FileEntry entry,
        long actualLength, CancellationToken cancellationToken)
    {
        var description = entry.Description;
        var slices = entry.Slices;
        var damaged = new List<long>();
        using var full = actualLength == description.Length ? IncrementalHash.CreateHash(HashAlgorithmName.MD5) : null;
        if (full is null && slices is null)
            return (false, damaged);

        var readLimit = full is not null ? actualLength : Math.Min(actualLength, description.Length);
        long offset = 0, slice = 0, inSlice = 0;
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            while (offset < readLimit)
            {
                var want = (int)Math.Min(_buffer.Length, readLimit - offset);
                var n = await stream.ReadAsync(_buffer.AsMemory(0, want), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                    break; // the file shrank while we read it
                full?.AppendData(_buffer, 0, n);
                if (slices is not null)
                {
                    var span = _buffer.AsSpan(0, n);
                    while (!span.IsEmpty)
                    {
                        var take = (int)Math.Min(span.Length, _sliceSize - inSlice);
                        _sliceMd5.AppendData(span[..take]);
                        _crc.Append(span[..take]);
                        inSlice += take;
                        span = span[take..];
                        if (inSlice == _sliceSize)
                        {
                            FinishSlice(slices, slice++, damaged);
                            inSlice = 0;
                        }
                    }
                }
                offset += n;
            }
        }

        if (slices is not null)
        {
            if (inSlice > 0)
            {
                PadSlice(_sliceSize - inSlice);
                FinishSlice(slices, slice++, damaged);
            }
            for (; slice < slices.Count; slice++)
                damaged.Add(slice);
        }
        var md5Ok = false;
        if (full is not null && offset == actualLength)
        {
            Span<byte> digest = stackalloc byte[16];
            full.GetHashAndReset(digest);
            md5Ok = Par2Hash.Read(digest) == description.Md5;
        }
        return (md5Ok, damaged);
    }

    private void PadSlice(long count)
    {
        Array.Clear(_buffer);
        while (count > 0)
        {
            var take = (int)Math.Min(count, _buffer.Length);
            _sliceMd5.AppendData(_buffer, 0, take);
            _crc.Append(_buffer.AsSpan(0, take));
            count -= take;
        }
    }

    private void FinishSlice(IReadOnlyList<Par2SliceChecksum> slices, long index, List<long> damaged)
    {
        Span<byte> digest = stackalloc byte[16];
        _sliceMd5.GetHashAndReset(digest);
        var crc = _crc.GetCurrentHashAsUInt32();
        _crc.Reset();
        var expected = slices[(int)index];
        if (expected.Crc32 != crc || expected.Md5 != Par2Hash.Read(digest))
            damaged.Add(index);
    }

    public void Dispose()
    {
        _sliceMd5.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
    }
}
