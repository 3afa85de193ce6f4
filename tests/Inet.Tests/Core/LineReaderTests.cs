using System.Text;
using Inet.Core;
using Inet.Tests.Fakes;

namespace Inet.Tests.Core;

public class LineReaderTests
{
    private static async Task<List<string>> ReadAll(string text, int chunk, int max = 64)
    {
        using var reader = new LineReader(new ChunkedStream(Encoding.UTF8.GetBytes(text), chunk), max);
        var lines = new List<string>();
        while (true)
        {
            try { lines.Add(Encoding.UTF8.GetString((await reader.ReadLineAsync()).Span)); }
            catch (ConnectionClosedException) { return lines; }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task ReadLine_AnySplit_ReturnsLinesWithoutEndings(int chunk)
    {
        var lines = await ReadAll("200 hello\r\nbare lf\n\r\nlast\r\n", chunk);
        Assert.Equal(["200 hello", "bare lf", "", "last"], lines);
    }

    [Fact]
    public async Task ReadLine_LongerThanLimit_ThrowsViolation()
    {
        using var reader = new LineReader(new ChunkedStream(Encoding.ASCII.GetBytes(new string('x', 100) + "\r\n"), 7), 64);
        await Assert.ThrowsAsync<ProtocolViolationException>(async () => await reader.ReadLineAsync());
    }

    [Fact]
    public async Task ReadLine_ExactlyAtLimit_IsAccepted()
    {
        var lines = await ReadAll(new string('y', 64) + "\r\n", 5, 64);
        Assert.Equal(new string('y', 64), Assert.Single(lines));
    }

    [Fact]
    public async Task ReadLine_ClosedMidLine_ThrowsConnectionClosed()
    {
        using var reader = new LineReader(new ChunkedStream("200 partial"u8.ToArray(), 4));
        var error = await Assert.ThrowsAsync<ConnectionClosedException>(async () => await reader.ReadLineAsync());
        Assert.Contains("middle of a line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiscardBuffered_DropsBytesAlreadyReceived()
    {
        using var reader = new LineReader(new ChunkedStream("382 go\r\ninjected\r\n"u8.ToArray(), 4096));
        await reader.ReadLineAsync();
        Assert.Equal(10, reader.DiscardBuffered());
        Assert.True(reader.Buffered.IsEmpty);
    }
}
