using Inet.Core;
using Inet.Imap;
using Inet.Tests.Fakes;
using static Inet.Tests.Imap.ImapTestHelpers;

namespace Inet.Tests.Imap;

public class ImapMalformedResponseTests
{
    [Theory]
    [InlineData("* 1 FETCH (FLAGS (\\Seen)\r\n", "still open")]
    [InlineData("* 1 FETCH FLAGS)\r\n", "without \"(\"")]
    [InlineData("* 1 FETCH (UID 4)x\r\n", "right after a value")]
    [InlineData("* 1 FETCH (UID 4 \"a\"b)\r\n", "right after a value")]
    [InlineData("* LIST () \"/\" \"abc\r\n", "Unterminated quoted string")]
    [InlineData("* LIST () \"/\" \"a\rb\"\r\n", "CR or NUL")]
    [InlineData("* LIST () \"/\" \"a\0b\"\r\n", "CR or NUL")]
    [InlineData("* 1 FETCH (BODY[] {abc}\r\n", "not a number")]
    [InlineData("* 1 FETCH (BODY[] {}\r\n", "not a number")]
    [InlineData("* 1 FETCH (BODY[] {-1}\r\n", "not a number")]
    [InlineData("* 1 FETCH (BODY[] {99999999999999999999}\r\n", "not a number")]
    [InlineData("* 1 FETCH (BODY[] {5} x\r\n", "must end the line")]
    [InlineData("* 1 FETCH (BODY[] {5\r\n", "no closing")]
    [InlineData("* 1 FETCH (BODY[HEADER \r\n", "Unterminated \"[\"")]
    [InlineData("* 1 FETCH (UID\t4)\r\n", "Unexpected byte 0x09")]
    [InlineData("\r\n", "empty line")]
    [InlineData("*\r\n", "without a tag")]
    [InlineData("* \r\n", "without a tag")]
    [InlineData("A1\r\n", "without a tag")]
    [InlineData("A1 BYE later\r\n", "not OK, NO or BAD")]
    [InlineData("A1 FETCH x\r\n", "not OK, NO or BAD")]
    [InlineData("A(1 OK x\r\n", "malformed tag")]
    [InlineData("* OK [ALERT text\r\n", "Unterminated response code")]
    [InlineData("* OK [] text\r\n", "Empty response code")]
    public async Task Read_Malformed_ThrowsViolationWithReason(string input, string reason)
    {
        var error = await Assert.ThrowsAsync<ProtocolViolationException>(() => ReadAll(input));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_ServerTextInMessage_IsEscaped()
    {
        var error = await Assert.ThrowsAsync<ProtocolViolationException>(() => ReadAll("* 1 FETCH (X \u001b[31m)x\r\n"));
        Assert.DoesNotContain('\u001b', error.Message);
        Assert.Contains("\\x1b", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_NestingAtLimit_IsAccepted_DeeperThrows()
    {
        var limits = new ImapReaderLimits(MaxDepth: 8);
        var ok = await ReadAll("* X " + new string('(', 8) + new string(')', 8) + "\r\n", limits);
        Assert.Single(ok);
        var error = await Assert.ThrowsAsync<ProtocolViolationException>(() => ReadAll("* X " + new string('(', 9) + new string(')', 9) + "\r\n", limits));
        Assert.Contains("deeper than 8", error.Message, StringComparison.Ordinal);
        // The default (64) stops a hostile 10,000-deep nest without a stack overflow.
        await Assert.ThrowsAsync<ProtocolViolationException>(() => ReadAll("* X " + new string('(', 10_000) + "\r\n", maxLine: 20_000));
    }

    [Fact]
    public async Task Read_TooManyValues_Throws()
    {
        var limits = new ImapReaderLimits(MaxValues: 10);
        Assert.Single(await ReadAll("* SEARCH 1 2 3 4 5 6 7 8 9\r\n", limits));
        var error = await Assert.ThrowsAsync<ProtocolViolationException>(() => ReadAll("* SEARCH 1 2 3 4 5 6 7 8 9 10\r\n", limits));
        Assert.Contains("More than 10 values", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_LiteralOverMemoryLimit_ThrowsBeforeReadingIt()
    {
        // The header promises 17 MB; only the header is sent, so reading the body would end in ConnectionClosed instead.
        var error = await Assert.ThrowsAsync<ProtocolViolationException>(() => ReadAll("* 1 FETCH (BODY[] {17000000}\r\n"));
        Assert.Contains("at most 16777216 bytes", error.Message, StringComparison.Ordinal);
        // Even a length near long.MaxValue is refused without allocating.
        await Assert.ThrowsAsync<ProtocolViolationException>(() => ReadAll("* 1 FETCH (BODY[] {999999999999999999}\r\n"));
    }

    [Fact]
    public async Task Read_ResponseOverByteLimit_Throws()
    {
        var limits = new ImapReaderLimits(MaxResponseBytes: 100);
        var input = "* 1 FETCH (BODY[1] " + Lit(new string('a', 60)) + " BODY[2] " + Lit(new string('b', 60)) + ")\r\n";
        var error = await Assert.ThrowsAsync<ProtocolViolationException>(() => ReadAll(input, limits));
        Assert.Contains("longer than 100 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_LineOverLineReaderLimit_Throws()
    {
        await Assert.ThrowsAsync<ProtocolViolationException>(() => ReadAll("* SEARCH " + new string('1', 200) + "\r\n", maxLine: 64));
    }

    [Theory]
    [InlineData("* 1 FETCH (BODY[] {10}\r\nhello")]
    [InlineData("* 1 FETCH (BODY[] {10}\r\n")]
    [InlineData("* 1 FETCH (BODY[] {5}\r\nhello")]
    [InlineData("* 1 FETCH (BODY[] {5}\r\nhello UID 4")]
    [InlineData("* 1 FETCH (UID 4")]
    public async Task Read_ConnectionClosedMidResponse_ThrowsClosed(string input)
    {
        var bytes = Bytes(input);
        for (var chunk = 1; chunk <= bytes.Length; chunk++)
            await Assert.ThrowsAsync<ConnectionClosedException>(() => ReadAll(new ChunkedStream(bytes, chunk)));
    }

    [Fact]
    public async Task Read_OverTextConnection_ViolationMarksItBroken()
    {
        await using var connection = TextConnection.FromStream(new ChunkedStream(Bytes("* 1 FETCH (UID 4))\r\n"), 4096), new ConnectionSettings { Host = "test", Port = 143 });
        var reader = new ImapResponseReader(connection);
        await Assert.ThrowsAsync<ProtocolViolationException>(async () => await reader.ReadAsync());
        Assert.True(connection.IsBroken);
    }

    [Fact]
    public async Task Read_OverTextConnection_GoodResponsesLeaveItUsable()
    {
        await using var connection = TextConnection.FromStream(new ChunkedStream(Bytes("* 1 FETCH (BODY[] {3}\r\nabc)\r\nA1 OK done\r\n"), 5), new ConnectionSettings { Host = "test", Port = 143 });
        var reader = new ImapResponseReader(connection);
        Assert.Equal("* 1 FETCH (BODY[] {3}abc)", (await reader.ReadAsync()).ToString());
        Assert.Equal("A1", (await reader.ReadAsync()).Tag);
        Assert.True(connection.IsUsable);
    }
}
