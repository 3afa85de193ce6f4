using System.Buffers;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Inet.Core;
using Inet.Tests.Fakes;

namespace Inet.Tests.Core;

public class DotStuffingTests
{
    private static string Stuff(string payload, int chunk)
    {
        var output = new ArrayBufferWriter<byte>();
        var encoder = new DotStuffingEncoder();
        var bytes = Encoding.UTF8.GetBytes(payload);
        for (var i = 0; i < bytes.Length; i += chunk)
            encoder.Encode(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i)), output);
        encoder.Complete(output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static async Task<string> Unstuff(string wire, int chunk, string trailer = "")
    {
        using var reader = new LineReader(new ChunkedStream(Encoding.UTF8.GetBytes(wire + trailer), chunk));
        await using var body = new DotBodyStream(reader);
        var result = new MemoryStream();
        var buffer = new byte[3];
        int n;
        while ((n = await body.ReadAsync(buffer)) > 0)
            result.Write(buffer, 0, n);
        Assert.True(body.IsCompleted);
        return Encoding.UTF8.GetString(result.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(1000)]
    public void Encode_DoublesLeadingDots_AndNormalisesLineEnds(int chunk)
    {
        Assert.Equal("..hidden\r\nbare\r\n...\r\nend\r\n.\r\n", Stuff(".hidden\r\nbare\n..\r\nend", chunk));
    }

    [Fact]
    public void Encode_EmptyPayload_IsJustTheTerminator() => Assert.Equal(".\r\n", Stuff("", 1));

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(64)]
    public async Task BodyStream_RemovesEscapes_AndStopsAtTerminator(int chunk)
    {
        var text = await Unstuff("line one\r\n..dot\r\n\r\n.\r\n", chunk, "211 next reply\r\n");
        Assert.Equal("line one\r\n.dot\r\n\r\n", text);
    }

    [Fact]
    public async Task BodyStream_ConnectionClosesEarly_Throws()
    {
        await Assert.ThrowsAsync<ConnectionClosedException>(() => Unstuff("partial article\r\nmore", 4));
    }

    [Fact]
    public async Task BodyStream_Drain_LeavesNextReplyReadable()
    {
        using var reader = new LineReader(new ChunkedStream("a\r\nb\r\n.\r\n223 ok\r\n"u8.ToArray(), 2));
        var body = new DotBodyStream(reader);
        await body.DrainAsync();
        Assert.Equal("223 ok", Encoding.ASCII.GetString((await reader.ReadLineAsync()).Span));
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property StuffThenUnstuff_RoundTrips()
    {
        var lineGen = Gen.Elements("", ".", "..", ".x", "a", "hello world", ". ", "x.")
            .ListOf().Select(parts => string.Join("\r\n", parts) + (parts.Count > 0 ? "\r\n" : ""));
        return Prop.ForAll(lineGen.ToArbitrary(), Gen.Choose(1, 9).ToArbitrary(), (payload, chunk) =>
            Unstuff(Stuff(payload, chunk), chunk).GetAwaiter().GetResult() == payload);
    }
}
