using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Inet.News.Par2;

/// <summary>
/// Walks the packets of one seekable .par2 stream. Every packet except Recovery Slice has its MD5
/// checked before use; recovery slice data is skipped by seeking. A bad packet is counted and the
/// scan resynchronises on the next magic sequence, so one damaged region loses only what it covers.
/// </summary>
internal sealed class Par2PacketScanner(Stream stream, Par2SetBuilder builder)
{
    /// <summary>Largest non-recovery packet body read into memory (an IFSC for 32768 slices is 640 KiB).</summary>
    internal const int MaxBodyLength = 16 * 1024 * 1024;
    private const int SearchChunk = 64 * 1024;

    public async Task ScanAsync(CancellationToken cancellationToken)
    {
        var length = stream.Length;
        var header = new byte[Par2PacketTypes.HeaderLength];
        long pos = 0;
        // After skipping an unverified recovery packet, its length may have been wrong; if the
        // next header is bad we search again from just after that packet's magic.
        long resyncFrom = -1;
        while (pos >= 0 && pos <= length - Par2PacketTypes.HeaderLength)
        {
            cancellationToken.ThrowIfCancellationRequested();
            stream.Position = pos;
            await stream.ReadExactlyAsync(header, cancellationToken).ConfigureAwait(false);
            if (!header.AsSpan(0, 8).SequenceEqual(Par2PacketTypes.Magic))
            {
                builder.Damaged++;
                pos = await FindMagicAsync(resyncFrom >= 0 ? resyncFrom : pos + 1, cancellationToken).ConfigureAwait(false);
                resyncFrom = -1;
                continue;
            }
            resyncFrom = -1;
            var packetLength = BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(8));
            if (packetLength < Par2PacketTypes.HeaderLength || packetLength % 4 != 0 || packetLength > (ulong)(length - pos))
            {
                builder.Damaged++;
                pos = await FindMagicAsync(pos + 8, cancellationToken).ConfigureAwait(false);
                continue;
            }
            var setId = Par2Hash.Read(header.AsSpan(32));
            var bodyLength = (long)packetLength - Par2PacketTypes.HeaderLength;
            if (header.AsSpan(48, 16).SequenceEqual(Par2PacketTypes.RecoverySlice))
            {
                if (bodyLength >= 4)
                {
                    var exponent = new byte[4];
                    await stream.ReadExactlyAsync(exponent, cancellationToken).ConfigureAwait(false);
                    builder.AddRecoverySlice(setId, BinaryPrimitives.ReadUInt32LittleEndian(exponent), bodyLength - 4);
                    resyncFrom = pos + 8;
                }
                else
                {
                    builder.Damaged++;
                }
                pos += (long)packetLength;
                continue;
            }
            if (bodyLength > MaxBodyLength || !await ReadVerifiedAsync(header, (int)bodyLength, setId, cancellationToken).ConfigureAwait(false))
            {
                builder.Damaged++;
                pos = await FindMagicAsync(pos + 8, cancellationToken).ConfigureAwait(false);
                continue;
            }
            pos += (long)packetLength;
        }
        if (pos >= 0 && pos < length)
            builder.Damaged++; // trailing bytes too short for a header: a truncated packet
    }

    private async Task<bool> ReadVerifiedAsync(byte[] header, int bodyLength, Par2Hash setId, CancellationToken cancellationToken)
    {
        var body = ArrayPool<byte>.Shared.Rent(bodyLength);
        try
        {
            await stream.ReadExactlyAsync(body.AsMemory(0, bodyLength), cancellationToken).ConfigureAwait(false);
            // Packet hash covers set id, type and body (header bytes 32..63 onwards).
            using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            md5.AppendData(header, 32, 32);
            md5.AppendData(body, 0, bodyLength);
            Span<byte> digest = stackalloc byte[16];
            md5.GetHashAndReset(digest);
            if (!digest.SequenceEqual(header.AsSpan(16, 16)))
                return false;
            return builder.Add(setId, header.AsSpan(48, 16), body.AsSpan(0, bodyLength));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
        }
    }

    /// <summary>Position of the next magic at or after <paramref name="from"/>, or -1.</summary>
    private async Task<long> FindMagicAsync(long from, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(SearchChunk);
        try
        {
            while (from < stream.Length)
            {
                cancellationToken.ThrowIfCancellationRequested();
                stream.Position = from;
                var read = await stream.ReadAtLeastAsync(buffer.AsMemory(0, SearchChunk), SearchChunk, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                var at = buffer.AsSpan(0, read).IndexOf(Par2PacketTypes.Magic);
                if (at >= 0)
                    return from + at;
                if (read < SearchChunk)
                    return -1;
                from += read - (Par2PacketTypes.Magic.Length - 1);
            }
            return -1;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
