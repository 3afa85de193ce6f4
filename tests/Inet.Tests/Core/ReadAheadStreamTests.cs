using Inet.Core;
using Inet.Tests.Fakes;

namespace Inet.Tests.Core;

public class ReadAheadStreamTests
{
    /// <summary>Counts the reads that reach the inner stream.</summary>
    private sealed class CountingReads(Stream inner) : Stream
    {
        public int Reads { get; private set; }
        public MemoryStream Written { get; } = new();
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count)
        {
            Reads++;
            return inner.Read(buffer, offset, count);
        }
        public override void Write(byte[] buffer, int offset, int count) => Written.Write(buffer, offset, count);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    private static byte[] Data(int length) => Enumerable.Range(0, length).Select(i => (byte)(i * 31 + 7)).ToArray();

    [Fact]
    public async Task SmallReads_ServedFromFewLargeInnerReads_ByteExact()
    {
        var data = Data(100_000);
        var inner = new CountingReads(new MemoryStream(data));
        await using var stream = new ReadAheadStream(inner, 32 * 1024);
        using var copy = new MemoryStream();
        var buffer = new byte[1000];

        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
            copy.Write(buffer, 0, read);

        Assert.Equal(data, copy.ToArray());
        Assert.InRange(inner.Reads, 4, 6); // 100,000 bytes in 32 KiB pieces (a pooled buffer may be larger), then the end
    }

    [Fact]
    public async Task SyncAndAsyncReadsMixed_ByteExactAcrossInnerChunks()
    {
        var data = Data(50_000);
        using var stream = new ReadAheadStream(new ChunkedStream(data, 777), 4096);
        using var copy = new MemoryStream();
        var buffer = new byte[300];
        for (var i = 0; ; i++)
        {
            var read = i % 2 == 0 ? stream.Read(buffer, 0, buffer.Length) : await stream.ReadAsync(buffer);
            if (read == 0)
                break;
            copy.Write(buffer, 0, read);
        }

        Assert.Equal(data, copy.ToArray());
    }

    [Fact]
    public void ReadAsLargeAsItsBuffer_GoesStraightToTheInnerStream()
    {
        var data = Data(200_000);
        var inner = new CountingReads(new MemoryStream(data));
        using var stream = new ReadAheadStream(inner, 4096);
        var buffer = new byte[200_000];

        Assert.Equal(200_000, stream.Read(buffer));

        Assert.Equal(data, buffer);
        Assert.Equal(1, inner.Reads);
    }

    [Fact]
    public async Task Writes_PassStraightThrough()
    {
        var inner = new CountingReads(new MemoryStream());
        await using var stream = new ReadAheadStream(inner, 4096);

        await stream.WriteAsync("abc"u8.ToArray());
        stream.Write("def"u8);

        Assert.Equal("abcdef"u8.ToArray(), inner.Written.ToArray());
    }

    /// <summary>Hands out <c>first</c>, then throws once, then hands out <c>then</c>.</summary>
    private sealed class FailsOnceStream(byte[] first, byte[] then) : Stream
    {
        private int _calls;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var data = ++_calls switch { 1 => first, 2 => throw new IOException("reset"), 3 => then, _ => [] };
            data.CopyTo(buffer, offset);
            return data.Length;
        }
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task InnerReadThrows_TheErrorStandsAndNoStaleBytesAreHandedOutAfter(bool async)
    {
        using var stream = new ReadAheadStream(new FailsOnceStream("abcd"u8.ToArray(), "xy"u8.ToArray()), 4096);
        var buffer = new byte[100];
        async Task<int> Read() => async ? await stream.ReadAsync(buffer) : stream.Read(buffer, 0, buffer.Length);

        Assert.Equal(4, await Read());
        await Assert.ThrowsAsync<IOException>(Read);

        Assert.Equal(2, await Read());
        Assert.Equal("xy"u8.ToArray(), buffer[..2]);
        Assert.Equal(0, await Read());
    }

    [Fact]
    public void Disposed_ReadFailsClearly()
    {
        var stream = new ReadAheadStream(new MemoryStream(Data(10)), 4096);
        stream.Dispose();

        Assert.Throws<ObjectDisposedException>(() => stream.Read(new byte[4], 0, 4));
    }
}
