using Inet.Core;

namespace Inet.Tests.Core;

/// <summary><see cref="BlockPump.CopyOnOwnThreadAsync"/>: blocking reads on a thread of its own, into a file or any stream.</summary>
public class BlockPumpOwnThreadTests
{
    /// <summary>Hands out its data in reads of at most <c>chunk</c> bytes; then ends, fails, or blocks until aborted.</summary>
    private sealed class FakeBlockingSource(byte[] data, int chunk, FakeBlockingSource.AtEnd atEnd = FakeBlockingSource.AtEnd.Ends) : IBlockingSource
    {
        public enum AtEnd { Ends, Fails, Blocks }

        private readonly ManualResetEventSlim _aborted = new();
        private int _position;

        public bool ReadsBlocking => true;
        public int? ReaderThread { get; private set; }
        public bool Aborted => _aborted.IsSet;

        public int ReadBlocking(Span<byte> buffer)
        {
            ReaderThread = Environment.CurrentManagedThreadId;
            if (_position == data.Length)
            {
                switch (atEnd)
                {
                    case AtEnd.Fails:
                        throw new IOException("connection reset");
                    case AtEnd.Blocks:
                        _aborted.Wait(TimeSpan.FromSeconds(10));
                        throw new IOException("the socket was closed");
                }
                return 0;
            }
            var n = Math.Min(Math.Min(buffer.Length, chunk), data.Length - _position);
            data.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public void Abort() => _aborted.Set();
    }

    private static byte[] Data(int length) => Enumerable.Range(0, length).Select(i => (byte)(i * 131 + 3)).ToArray();

    [Theory]
    [InlineData(0, 4096)]
    [InlineData(1, 4096)]
    [InlineData(4096, 4096)] // ends exactly on a block
    [InlineData(100_003, 4096)]
    [InlineData(100_003, 1 << 16)]
    public async Task IntoAnyStream_ByteExactAndCounted(int length, int blockSize)
    {
        var data = Data(length);
        using var destination = new MemoryStream();

        var copied = await BlockPump.CopyOnOwnThreadAsync(new FakeBlockingSource(data, 999), destination, blockSize);

        Assert.Equal(length, copied);
        Assert.Equal(data, destination.ToArray());
    }

    [Fact]
    public async Task IntoAFile_ByteExact_ReadOffTheCallersThread()
    {
        var data = Data(300_001);
        var path = Path.GetTempFileName();
        try
        {
            var source = new FakeBlockingSource(data, 5000);
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 0, FileOptions.Asynchronous))
                Assert.Equal(data.Length, await BlockPump.CopyOnOwnThreadAsync(source, file, 65536));

            Assert.Equal(data, await File.ReadAllBytesAsync(path));
            Assert.NotEqual(Environment.CurrentManagedThreadId, source.ReaderThread);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task SourceBreaksMidBlock_WhatArrivedIsWrittenAndTheErrorStands()
    {
        var data = Data(10_500);
        using var destination = new MemoryStream();

        await Assert.ThrowsAsync<IOException>(() => BlockPump.CopyOnOwnThreadAsync(new FakeBlockingSource(data, 1000, FakeBlockingSource.AtEnd.Fails), destination, 4096));

        Assert.Equal(data, destination.ToArray());
    }

    [Fact]
    public async Task Cancelled_WhileAReadBlocks_AbortsTheSourceAndEndsPromptly()
    {
        var data = Data(5000);
        var source = new FakeBlockingSource(data, 1000, FakeBlockingSource.AtEnd.Blocks);
        using var destination = new MemoryStream();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => BlockPump.CopyOnOwnThreadAsync(source, destination, 1 << 16, cancel.Token));

        Assert.True(source.Aborted);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Equal(data, destination.ToArray()); // what arrived before the cancellation is kept
    }

    [Fact]
    public async Task AlreadyCancelled_ReadsNothing()
    {
        var source = new FakeBlockingSource(Data(100), 10);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => BlockPump.CopyOnOwnThreadAsync(source, new MemoryStream(), 4096, new CancellationToken(true)));

        Assert.Null(source.ReaderThread);
    }
}
