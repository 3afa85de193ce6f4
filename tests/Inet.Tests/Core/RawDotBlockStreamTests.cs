using System.Text;
using FsCheck;
using FsCheck.Xunit;
using Inet.Core;
using Inet.Tests.Fakes;

namespace Inet.Tests.Core;

public class RawDotBlockStreamTests
{
    private const string NextReply = "222 0 <next@x> body\r\n";

    /// <summary>Reads the block with the given network chunk and read sizes; returns the block and the next line left unread.</summary>
    private static async Task<(string Block, string Next)> ReadRaw(string wire, int chunk, int readSize)
    {
        using var reader = new LineReader(new ChunkedStream(Encoding.ASCII.GetBytes(wire), chunk));
        var block = new RawDotBlockStream(reader);
        var result = new MemoryStream();
        var buffer = new byte[readSize];
        int n;
        while ((n = await block.ReadAsync(buffer)) > 0)
            result.Write(buffer, 0, n);
        Assert.True(block.IsCompleted);
        Assert.Equal(result.Length, block.BytesRead);
        var next = reader.Buffered.IsEmpty && !await reader.FillAsync() ? "" : Encoding.ASCII.GetString((await reader.ReadLineAsync()).Span);
        return (Encoding.ASCII.GetString(result.ToArray()), next);
    }

    public static TheoryData<string> Blocks => new()
    {
        "line one\r\n..dot\r\n\r\n.\r\n",
        ".\r\n",
        "..\r\n.\r\n",
        "..\r\n...\r\n\r\n.\r\n",
        "a\r\n.b\r\n\r\r\n.\r\n",
        "=ybegin line=128 size=3 name=x\r\n\r\n.\r\r\n\r.\r\n.\r\n",
        "x\r\n\r\n\r\n.\r\n",
    };

    [Theory]
    [MemberData(nameof(Blocks))]
    public async Task HandsOutWireBytesUpToTerminator_AtEverySplitPoint(string block)
    {
        var wire = block + NextReply;
        for (var chunk = 1; chunk <= wire.Length; chunk++)
        {
            foreach (var readSize in new[] { 1, 2, 3, 7, 4096 })
            {
                var (read, next) = await ReadRaw(wire, chunk, readSize);
                Assert.Equal(block, read);
                Assert.Equal(NextReply.TrimEnd(), next);
            }
        }
    }

    [Fact]
    public async Task FirstLineDot_IsTheWholeBlock()
    {
        var (read, next) = await ReadRaw(".\r\n.\r\n" + NextReply, 1, 64);
        Assert.Equal(".\r\n", read);
        Assert.Equal(".", next); // the second dot line belongs to whatever follows
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(100)]
    public async Task ConnectionClosesEarly_ThrowsAndFaults(int chunk)
    {
        var faulted = false;
        using var reader = new LineReader(new ChunkedStream("partial\r\n..x\r\n."u8.ToArray(), chunk));
        var block = new RawDotBlockStream(reader, () => faulted = true);
        await Assert.ThrowsAsync<ConnectionClosedException>(() => block.CopyToAsync(Stream.Null));
        Assert.True(block.IsFaulted);
        Assert.True(faulted);
        Assert.False(block.IsCompleted);
    }

    [Fact]
    public async Task BareLfTerminator_IsNotTakenAsTheEnd_ReadsUntilConnectionEnds()
    {
        using var reader = new LineReader(new ChunkedStream("a\n.\n223 x\n"u8.ToArray(), 3));
        var block = new RawDotBlockStream(reader);
        await Assert.ThrowsAsync<ConnectionClosedException>(() => block.CopyToAsync(Stream.Null));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(1000)]
    public async Task Drain_SkipsToTerminator_LeavesNextReplyReadable(int chunk)
    {
        using var reader = new LineReader(new ChunkedStream(Encoding.ASCII.GetBytes("a\r\n..\r\nb\r\n.\r\n" + NextReply), chunk));
        var block = new RawDotBlockStream(reader);
        var first = new byte[2];
        Assert.True(await block.ReadAsync(first) > 0);
        await block.DrainAsync();
        Assert.True(block.IsCompleted);
        Assert.Equal(0, await block.ReadAsync(first));
        Assert.Equal(NextReply.TrimEnd(), Encoding.ASCII.GetString((await reader.ReadLineAsync()).Span));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(100_000)]
    public async Task OverlongLine_Throws(int chunk)
    {
        var wire = "short\r\n" + new string('x', 200) + "\r\n.\r\n";
        using var reader = new LineReader(new ChunkedStream(Encoding.ASCII.GetBytes(wire), chunk), maxLineLength: 100);
        var block = new RawDotBlockStream(reader);
        await Assert.ThrowsAsync<ProtocolViolationException>(() => block.CopyToAsync(Stream.Null));
        Assert.True(block.IsFaulted);
    }

    [Fact]
    public async Task LineAtTheLimit_IsAccepted()
    {
        var block = "a\r\n" + new string('x', 100) + "\r\n.\r\n";
        var read = await ReadRawLimited(block, 100);
        Assert.Equal(block, read);
    }

    // Lines that look like the end but are not (stuffed dots, bare LF, CR inside) around the real ".\r\n".
    private static readonly string[] Lines = ["..", "...", ".\n", "\n..", ".\r\r", "x", "=yend", ".x", "\r", new string('y', 150)];

    [Property(MaxTest = 200)]
    public void RandomBlocks_EndExactlyAtTheTerminator(byte[] picks, PositiveInt chunk, PositiveInt readSize, bool smallLimit)
    {
        var body = string.Concat(picks.Select(p => Lines[p % Lines.Length] + "\r\n"));
        var wire = body + ".\r\n" + NextReply;
        // A line limit below the read size takes the line-by-line walk; the default one the vectorized search.
        using var reader = new LineReader(new ChunkedStream(Encoding.ASCII.GetBytes(wire), 1 + chunk.Get % 300), smallLimit ? 160 : 64 * 1024);
        var block = new RawDotBlockStream(reader);
        var result = new MemoryStream();
        var buffer = new byte[1 + readSize.Get % 500];
        int n;
        while ((n = block.ReadAsync(buffer).AsTask().GetAwaiter().GetResult()) > 0)
            result.Write(buffer, 0, n);
        Assert.Equal(body + ".\r\n", Encoding.ASCII.GetString(result.ToArray()));
        Assert.Equal(NextReply.TrimEnd(), Encoding.ASCII.GetString(reader.ReadLineAsync().AsTask().GetAwaiter().GetResult().Span));
    }

    private static async Task<string> ReadRawLimited(string wire, int max)
    {
        using var reader = new LineReader(new ChunkedStream(Encoding.ASCII.GetBytes(wire), 3), maxLineLength: max);
        var block = new RawDotBlockStream(reader);
        var result = new MemoryStream();
        await block.CopyToAsync(result);
        return Encoding.ASCII.GetString(result.ToArray());
    }
}
