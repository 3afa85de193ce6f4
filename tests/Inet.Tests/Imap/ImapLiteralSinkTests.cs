using Inet.Core;
using Inet.Imap;
using Inet.Tests.Fakes;
using static Inet.Tests.Imap.ImapTestHelpers;

namespace Inet.Tests.Imap;

public class ImapLiteralSinkTests
{
    /// <summary>Copies (or partly reads) each wanted literal into a MemoryStream and records its context.</summary>
    private sealed class RecordingSink(long minimum = 0, double readFraction = 1.0) : IImapLiteralSink
    {
        public List<(ImapLiteralContext Context, long Length)> Offered { get; } = [];
        public List<MemoryStream> Received { get; } = [];

        public bool WantsLiteral(ImapLiteralContext context, long length)
        {
            Offered.Add((context, length));
            return length >= minimum;
        }

        public async ValueTask<object?> ReceiveAsync(ImapLiteralContext context, long length, Stream content, CancellationToken cancellationToken)
        {
            var copy = new MemoryStream();
            var wanted = (long)(length * readFraction);
            var buffer = new byte[8192];
            while (copy.Length < wanted)
            {
                var n = await content.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, wanted - copy.Length)), cancellationToken);
                if (n == 0) break;
                copy.Write(buffer, 0, n);
            }
            Received.Add(copy);
            return copy;
        }
    }

    private static byte[] Body(int size)
    {
        var body = new byte[size];
        new Random(42).NextBytes(body);
        return body;
    }

    private static byte[] FetchWithBody(byte[] body, string after = "A1 OK done\r\n")
    {
        var stream = new MemoryStream();
        stream.Write(Bytes($"* 12 FETCH (UID 44 BODY[] {{{body.Length}}}\r\n"));
        stream.Write(body);
        stream.Write(Bytes(" FLAGS (\\Seen))\r\n" + after));
        return stream.ToArray();
    }

    [Theory]
    [InlineData(4096)]
    [InlineData(7919)]
    public async Task Sink_FiveMiBBody_IsStreamedNotHeld(int chunk)
    {
        var body = Body(5 * 1024 * 1024);
        var sink = new RecordingSink();
        var responses = await ReadAll(new ChunkedStream(FetchWithBody(body), chunk), sink: sink);
        Assert.Equal(2, responses.Count);
        Assert.True(responses[0].TryGetFetchItem("BODY[]", out var value));
        Assert.Equal(ImapValueKind.StreamedLiteral, value.Kind);
        Assert.Equal(body.Length, value.LiteralLength);
        Assert.Same(sink.Received[0], value.StreamToken);
        Assert.Equal(body, sink.Received[0].ToArray());
        Assert.True(responses[0].TryGetFetchItem("FLAGS", out _));
        Assert.Equal("A1", responses[1].Tag);
    }

    [Fact]
    public async Task Sink_FiveMiBBody_OverTheInMemoryLimit_WithoutSinkThrows()
    {
        var limits = new ImapReaderLimits(MaxLiteralSize: 1024 * 1024);
        await Assert.ThrowsAsync<ProtocolViolationException>(() => ReadAll(new ChunkedStream(FetchWithBody(Body(5 * 1024 * 1024)), 4096), limits));
        // With a sink the same limits are fine.
        Assert.Equal(2, (await ReadAll(new ChunkedStream(FetchWithBody(Body(5 * 1024 * 1024)), 4096), limits, new RecordingSink())).Count);
    }

    [Fact]
    public async Task Sink_ReadsOnlyHalf_RestIsDrainedAndNextResponseParses()
    {
        var body = Body(300_000);
        var sink = new RecordingSink(readFraction: 0.5);
        var responses = await ReadAll(new ChunkedStream(FetchWithBody(body, "* 13 FETCH (BODY[] {3}\r\nxyz)\r\nA1 OK done\r\n"), 1000), sink: sink);
        Assert.Equal(3, responses.Count);
        Assert.Equal(body.AsSpan(0, 150_000).ToArray(), sink.Received[0].ToArray());
        Assert.Equal("x"u8.ToArray(), sink.Received[1].ToArray()); // half of 3 bytes
        Assert.Equal("A1 OK done", responses[2].ToString());
    }

    [Fact]
    public async Task Sink_ReadsNothing_EveryByteIsDrained()
    {
        var sink = new RecordingSink(readFraction: 0);
        var responses = await ReadAll(new ChunkedStream(FetchWithBody(Bytes("\r\n* 3 EXISTS\r\nA1 OK fake\r\n")), 3), sink: sink);
        Assert.Equal(["* 12 FETCH (UID 44 BODY[] {26 streamed} FLAGS (\\Seen))", "A1 OK done"], responses.Select(r => r.ToString()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4096)]
    public async Task Sink_DisconnectMidLiteral_ThrowsClosed(int chunk)
    {
        var whole = FetchWithBody(Body(100_000));
        var cut = whole.AsSpan(0, 50_000).ToArray();
        await Assert.ThrowsAsync<ConnectionClosedException>(() => ReadAll(new ChunkedStream(cut, chunk), sink: new RecordingSink()));
        await Assert.ThrowsAsync<ConnectionClosedException>(() => ReadAll(new ChunkedStream(cut, chunk), sink: new RecordingSink(readFraction: 0)));
    }

    [Fact]
    public async Task Sink_Declines_SmallLiteralsStayInMemory()
    {
        var sink = new RecordingSink(minimum: 1000);
        var response = Assert.Single(await ReadAll(new ChunkedStream(Bytes("* 2 FETCH (BODY[] {5}\r\nhello)\r\n"), 4096), sink: sink));
        Assert.True(response.TryGetFetchItem("BODY[]", out var value));
        Assert.Equal(ImapValueKind.Literal, value.Kind);
        Assert.Equal("hello", value.AsString());
        Assert.Empty(sink.Received);
    }

    [Fact]
    public async Task Sink_Context_NamesDataMessageAndItem()
    {
        var input = "* 7 FETCH (ENVELOPE (NIL " + Lit("subject") + ") BODY[HEADER]<0> " + Lit("h: v\r\n") + " BINARY[1] ~{2}\r\n\0\u0001)\r\n" +
                    "* LIST () \"/\" " + Lit("box") + "\r\n";
        var sink = new RecordingSink(minimum: long.MaxValue);
        await ReadAll(new ChunkedStream(Bytes(input), 4096), sink: sink);
        Assert.Equal(
            [
                (new ImapLiteralContext("FETCH", 7, "ENVELOPE", false, false), 7L),
                (new ImapLiteralContext("FETCH", 7, "BODY[HEADER]<0>", true, false), 6L),
                (new ImapLiteralContext("FETCH", 7, "BINARY[1]", true, true), 2L),
                (new ImapLiteralContext("LIST", null, null, false, false), 3L),
            ],
            sink.Offered);
    }
}
