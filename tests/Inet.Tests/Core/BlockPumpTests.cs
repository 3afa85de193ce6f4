using FsCheck;
using FsCheck.Fluent;
using Inet.Core;
using Inet.Ftp;
using Inet.Tests.Fakes;

namespace Inet.Tests.Core;

public class BlockPumpTests
{
    private static byte[] Pump(byte[] data, int readChunk, int blockSize, IBlockTransform? transform)
    {
        using var destination = new MemoryStream();
        var read = BlockPump.CopyAsync(new ChunkedStream(data, readChunk), destination, transform, blockSize).GetAwaiter().GetResult();
        Assert.Equal(data.Length, read);
        return destination.ToArray();
    }

    /// <summary>Bytes drawn mostly from CR, LF and 'a', so line endings fall on every block and read boundary.</summary>
    private static Arbitrary<byte[]> LineData() =>
        Gen.ArrayOf(Gen.Elements((byte)'\r', (byte)'\n', (byte)'a')).ToArbitrary();

    [Fact]
    public void Copy_ManySmallReads_ByteExact()
    {
        var data = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 13)).ToArray();
        Assert.Equal(data, Pump(data, readChunk: 977, blockSize: 4096, transform: null));
    }

    [Fact]
    public void Copy_Empty_WritesNothing() => Assert.Empty(Pump([], 10, 16, null));

    [Fact]
    public void ToLocal_AnyBoundaries_SameAsReplacingCrlf() =>
        Prop.ForAll(LineData(), Arb.From(Gen.Choose(1, 9)), Arb.From(Gen.Choose(1, 9)), (data, chunk, block) =>
            Pump(data, chunk, block, new AsciiNewlines.ToLocal()).SequenceEqual(
                System.Text.Encoding.Latin1.GetBytes(System.Text.Encoding.Latin1.GetString(data).Replace("\r\n", "\n", StringComparison.Ordinal))))
            .QuickCheckThrowOnFailure();

    [Fact]
    public void ToWire_ThenToLocal_GivesBackTextWithoutCr() =>
        Prop.ForAll(Gen.ArrayOf(Gen.Elements((byte)'\n', (byte)'a', (byte)'b')).ToArbitrary(), Arb.From(Gen.Choose(1, 9)), (data, block) =>
        {
            var wire = Pump(data, 3, block, new AsciiNewlines.ToWire());
            return wire.Count(b => b == '\r') == data.Count(b => b == '\n') && Pump(wire, 5, block, new AsciiNewlines.ToLocal()).SequenceEqual(data);
        }).QuickCheckThrowOnFailure();

    /// <summary>Gives <paramref name="data"/> in 1000-byte reads, then fails.</summary>
    private sealed class BreakingStream(byte[] data) : Stream
    {
        private int _position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position == data.Length)
                throw new IOException("connection reset");
            var n = Math.Min(Math.Min(count, 1000), data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public async Task SourceBreaksMidBlock_WhatArrivedIsWrittenAndTheErrorStands()
    {
        var data = Enumerable.Range(0, 10_500).Select(i => (byte)i).ToArray();
        using var destination = new MemoryStream();

        await Assert.ThrowsAsync<IOException>(() => BlockPump.CopyAsync(new BreakingStream(data), destination, blockSize: 4096));

        Assert.Equal(data, destination.ToArray());
    }
}
