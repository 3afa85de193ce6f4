using System.Buffers;

namespace Inet.Core;

/// <summary>Changes blocks on their way through a <see cref="BlockPump"/> (line endings, for instance); keeps its own state between blocks.</summary>
internal interface IBlockTransform
{
    /// <summary>The most bytes <see cref="Transform"/> can write for <paramref name="inputLength"/> input bytes.</summary>
    int MaxOutputLength(int inputLength);

    /// <summary>Writes the transformed <paramref name="input"/> to <paramref name="output"/>; returns the length written.</summary>
    int Transform(ReadOnlySpan<byte> input, Span<byte> output);

    /// <summary>What is still held back at the end of the data (at most a few bytes); returns the length written.</summary>
    int Flush(Span<byte> output);
}

/// <summary>
/// Copies a stream to another in large blocks, two at a time: the next block is read while the last
/// one is written, so a network transfer does not wait for the disk or the other way round. A block is
/// filled by as many reads as it takes (a TLS stream hands out one 16 KiB record per read), so the
/// writing side sees few, large writes.
/// </summary>
internal static class BlockPump
{
    public const int DefaultBlockSize = 256 * 1024;

    /// <summary>Copies <paramref name="source"/> to its end into <paramref name="destination"/>; returns the bytes read.</summary>
    public static async Task<long> CopyAsync(Stream source, Stream destination, IBlockTransform? transform = null,
        int blockSize = DefaultBlockSize, CancellationToken cancellationToken = default)
    {
        var pool = ArrayPool<byte>.Shared;
        byte[][] input = [pool.Rent(blockSize), pool.Rent(blockSize)];
        byte[][]? output = transform is null ? null : [pool.Rent(transform.MaxOutputLength(blockSize)), pool.Rent(transform.MaxOutputLength(blockSize))];
        var pending = Task.CompletedTask;
        long total = 0;

        // Block i's bytes as they are written: transformed into output i when there is a transform.
        ReadOnlyMemory<byte> Transformed(int i, int length) => output is null
            ? input[i].AsMemory(0, length)
            : output[i].AsMemory(0, transform!.Transform(input[i].AsSpan(0, length), output[i]));

        try
        {
            for (var i = 0; ; i ^= 1)
            {
                var block = new Filling(input[i].AsMemory(0, blockSize));
                try
                {
                    await block.FillAsync(source, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception) when (block.Filled > 0)
                {
                    // The source broke or the copy was cancelled: what did arrive still goes out (a download keeps it for resuming).
                    await pending.ConfigureAwait(false);
                    pending = Task.CompletedTask;
                    await WriteQuietlyAsync(destination, Transformed(i, block.Filled)).ConfigureAwait(false);
                    throw;
                }
                var filled = block.Filled;
                total += filled;
                var chunk = Transformed(i, filled);
                await pending.ConfigureAwait(false);
                pending = chunk.IsEmpty ? Task.CompletedTask : destination.WriteAsync(chunk, cancellationToken).AsTask();
                if (filled < blockSize)
                    break; // the source has ended
            }
            await pending.ConfigureAwait(false);
            if (transform is not null)
            {
                var tail = transform.Flush(output![0]);
                if (tail > 0)
                    await destination.WriteAsync(output[0].AsMemory(0, tail), cancellationToken).ConfigureAwait(false);
            }
            return total;
        }
        finally
        {
            // A write still running owns its buffer: wait for it (its error is already on its way out) before returning buffers.
            try { await pending.ConfigureAwait(false); } catch (Exception) when (!pending.IsCompletedSuccessfully) { }
            pool.Return(input[0]);
            pool.Return(input[1]);
            if (output is not null)
            {
                pool.Return(output[0]);
                pool.Return(output[1]);
            }
        }
    }

    /// <summary>
    /// Copies a source that reads cheaper with blocking calls (<see cref="IBlockingSource"/>) on a thread of its
    /// own: each block is filled by blocking reads while the last one is written, as in <see cref="CopyAsync"/>;
    /// a <see cref="FileStream"/> is written on the same thread instead (a block goes into the page cache in
    /// microseconds, and handing it to the pool cost a wake-up and a spin per block). The caller's token aborts
    /// the source, which ends a read under way. Returns the bytes read.
    /// </summary>
    public static Task<long> CopyOnOwnThreadAsync(IBlockingSource source, Stream destination, int blockSize = DefaultBlockSize,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.Factory.StartNew(() => CopyBlocking(source, destination, blockSize, cancellationToken),
            cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private static long CopyBlocking(IBlockingSource source, Stream destination, int blockSize, CancellationToken cancellationToken)
    {
        using var aborting = cancellationToken.UnsafeRegister(static state => ((IBlockingSource)state!).Abort(), source);
        var pool = ArrayPool<byte>.Shared;
        byte[][] blocks = [pool.Rent(blockSize), pool.Rent(blockSize)];
        var pending = Task.CompletedTask;
        var inline = destination is FileStream;
        long total = 0;
        try
        {
            for (var i = 0; ; i ^= 1)
            {
                var filled = 0;
                try
                {
                    while (filled < blockSize && source.ReadBlocking(blocks[i].AsSpan(filled, blockSize - filled)) is var read and > 0)
                        filled += read;
                }
                catch (Exception) when (filled > 0)
                {
                    // What did arrive still goes out (a download keeps it for resuming).
                    pending.GetAwaiter().GetResult();
                    pending = Task.CompletedTask;
                    WriteQuietlyAsync(destination, blocks[i].AsMemory(0, filled)).GetAwaiter().GetResult();
                    throw;
                }
                total += filled;
                pending.GetAwaiter().GetResult();
                if (inline)
                    WriteToFile(destination, blocks[i].AsSpan(0, filled));
                else if (filled > 0)
                    pending = destination.WriteAsync(blocks[i].AsMemory(0, filled), cancellationToken).AsTask();
                if (filled < blockSize)
                    break; // the source has ended
            }
            pending.GetAwaiter().GetResult();
            return total;
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is not OperationCanceledException)
        {
            throw new OperationCanceledException("The copy was cancelled.", e, cancellationToken);
        }
        finally
        {
            try { pending.GetAwaiter().GetResult(); } catch (Exception) when (!pending.IsCompletedSuccessfully) { }
            pool.Return(blocks[0]);
            pool.Return(blocks[1]);
        }
    }

    /// <summary>
    /// Writes into a file in pieces of <see cref="FileWritePiece"/>. The page cache takes a write in folios of
    /// about its size, and on a VM whose free memory goes back to the host (free page reporting), the large
    /// contiguous blocks that big folios need are the ones the host must back again at first touch: 512 MiB in
    /// 256 KiB writes took 2.5-3 s of kernel time there, in 32 KiB writes 0.22 s (dd, Firecracker, Linux 6.18).
    /// </summary>
    private static void WriteToFile(Stream file, ReadOnlySpan<byte> block)
    {
        for (var at = 0; at < block.Length; at += FileWritePiece)
            file.Write(block.Slice(at, Math.Min(FileWritePiece, block.Length - at)));
    }

    private const int FileWritePiece = 32 * 1024;

    private static async Task WriteQuietlyAsync(Stream destination, ReadOnlyMemory<byte> chunk)
    {
        try
        {
            await destination.WriteAsync(chunk, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The first error is the one that counts.
        }
    }

    /// <summary>One block being read into, with how far it got, also when a read throws.</summary>
    private sealed class Filling(Memory<byte> block)
    {
        public int Filled { get; private set; }

        /// <summary>Reads until the block is full or the stream ends.</summary>
        public async ValueTask FillAsync(Stream source, CancellationToken cancellationToken)
        {
            while (Filled < block.Length)
            {
                var read = await source.ReadAsync(block[Filled..], cancellationToken).ConfigureAwait(false);
                if (read == 0)
                    break;
                Filled += read;
            }
        }
    }
}
