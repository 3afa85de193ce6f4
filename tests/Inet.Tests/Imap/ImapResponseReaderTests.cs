using Inet.Imap;
using Inet.Tests.Fakes;
using static Inet.Tests.Imap.ImapTestHelpers;

namespace Inet.Tests.Imap;

public class ImapResponseReaderTests
{
    public static TheoryData<string> Samples => ImapResponseSamples.Names();

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Read_RealWorldSample_ParsesToExpectedTree(string name)
    {
        var sample = ImapResponseSamples.Get(name);
        var responses = await ReadAll(sample.Input);
        Assert.Equal(sample.Expected, responses.Select(r => r.ToString()));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Read_EverySplitPointAndByteByByte_GivesTheSameTree(string name)
    {
        var bytes = Bytes(ImapResponseSamples.Get(name).Input);
        var expected = (await ReadAll(new ChunkedStream(bytes, bytes.Length))).Select(Dump).ToList();
        for (var k = 1; k < bytes.Length; k++)
            Assert.Equal(expected, (await ReadAll(new SplitStream(bytes, k))).Select(Dump));
        Assert.Equal(expected, (await ReadAll(new ChunkedStream(bytes, 1))).Select(Dump));
    }

    [Fact]
    public async Task Read_Fetch_ItemsByName()
    {
        var response = await ReadOne("* 12 FETCH (FLAGS (\\Seen) UID 44 BODY[HEADER.FIELDS (SUBJECT FROM)]<0> {5}\r\nhello)\r\n");
        Assert.True(response.IsData);
        Assert.Equal("FETCH", response.DataName);
        Assert.Equal(12ul, response.Number);
        Assert.True(response.TryGetFetchItem("uid", out var uid));
        Assert.Equal(44ul, uid.AsNumber());
        Assert.True(response.TryGetFetchItem("FLAGS", out var flags));
        Assert.Equal(["\\Seen"], flags.AsList().Select(f => f.AsString()));
        Assert.True(response.TryGetFetchItem("BODY[HEADER.FIELDS (SUBJECT FROM)]<0>", out var body));
        Assert.Equal(ImapValueKind.Literal, body.Kind);
        Assert.Equal("hello", body.AsString());
        Assert.False(response.TryGetFetchItem("ENVELOPE", out _));
    }

    [Fact]
    public async Task Read_UntaggedData_ExposesNameNumberAndArguments()
    {
        var responses = await ReadAll("* 23 EXISTS\r\n* SEARCH 2 3 5\r\n* STATUS \"x\" (MESSAGES 2)\r\n");
        Assert.Equal(("EXISTS", 23ul), (responses[0].DataName, responses[0].Number!.Value));
        Assert.Empty(responses[0].Arguments);
        Assert.Equal("SEARCH", responses[1].DataName);
        Assert.Null(responses[1].Number);
        Assert.Equal([2ul, 3ul, 5ul], responses[1].Arguments.Select(v => v.AsNumber()));
        Assert.Equal("x", responses[2].Arguments[0].AsString());
        Assert.Equal(ImapValueKind.QuotedString, responses[2].Arguments[0].Kind);
        Assert.Equal(2ul, responses[2].Arguments[1].AsList()[1].AsNumber());
    }

    [Fact]
    public async Task Read_ValueKinds_NilNumbersAndLeadingZeros()
    {
        var values = (await ReadOne("* X NIL nil 0 007 18446744073709551615 18446744073709551616 \"\" \\Seen\r\n")).Values;
        Assert.Equal(ImapValueKind.Nil, values[1].Kind);
        Assert.True(values[2].IsNil);
        Assert.Null(values[1].AsString());
        Assert.Equal(0ul, values[3].AsNumber());
        Assert.Equal((ImapValueKind.Atom, "007"), (values[4].Kind, values[4].AsString()));
        Assert.Equal(ulong.MaxValue, values[5].AsNumber());
        Assert.Equal(ImapValueKind.Atom, values[6].Kind);
        Assert.Equal("", values[7].AsString());
        Assert.Equal("\\Seen", values[8].AsString());
        Assert.Empty(values[1].AsList());
        Assert.Throws<Inet.Core.ProtocolViolationException>(() => values[8].AsNumber());
    }

    [Fact]
    public async Task Read_QuotedEscapes_AreUnescaped()
    {
        var values = (await ReadOne("* LIST () \"\\\\\" \"a \\\"b\\\" c\"\r\n")).Values;
        Assert.Equal("\\", values[2].AsString());
        Assert.Equal("a \"b\" c", values[3].AsString());
    }

    [Fact]
    public async Task Read_StatusResponses_CodeAndText()
    {
        var responses = await ReadAll(
            "* OK [UIDVALIDITY 3857529045] UIDs valid\r\n" +
            "* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n" +
            "A004 OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n" +
            "* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready\r\n" +
            "A142 ok [read-write] SELECT completed\r\n" +
            "* NO [BADCHARSET (UTF-8 US-ASCII)] bad charset\r\n" +
            "* OK [X-WEIRD some \"odd text] after\r\n" +
            "A5 NO\r\n");
        Assert.All(responses, r => Assert.False(r.IsData));
        Assert.Equal((ImapResponseKind.Untagged, ImapStatus.Ok, "UIDVALIDITY", "UIDs valid"),
            (responses[0].Kind, responses[0].Status!.Value, responses[0].Code!.Name, responses[0].Text));
        Assert.Equal(3857529045ul, responses[0].Code!.Arguments.Single().AsNumber());
        Assert.Equal(["\\Deleted", "\\Seen", "\\*"], responses[1].Code!.Arguments.Single().AsList().Select(v => v.AsString()));
        var copy = responses[2];
        Assert.Equal(("A004", ImapResponseKind.Tagged), (copy.Tag, copy.Kind));
        Assert.Equal(["38505", "304,319:320", "3956:3958"], copy.Code!.Arguments.Select(v => v.AsString()));
        Assert.Equal(38505ul, copy.Code.Arguments[0].AsNumber());
        Assert.Equal(["IMAP4rev1", "SASL-IR", "AUTH=PLAIN"], responses[3].Code!.Arguments.Select(v => v.AsString()));
        Assert.True(responses[4].Code!.Is("READ-WRITE"));
        Assert.Equal("READ-WRITE", responses[4].Code!.Name);
        Assert.Empty(responses[4].Code!.Arguments);
        Assert.Equal(ImapStatus.No, responses[5].Status);
        Assert.Equal(["UTF-8", "US-ASCII"], responses[5].Code!.Arguments.Single().AsList().Select(v => v.AsString()));
        Assert.Equal("some \"odd text", responses[6].Code!.Arguments.Single().AsString());
        Assert.Equal("after", responses[6].Text);
        Assert.Equal((ImapStatus.No, "", null), (responses[7].Status!.Value, responses[7].Text, responses[7].Code));
    }

    [Fact]
    public async Task Read_Continuation_KeepsTextAndCode()
    {
        var responses = await ReadAll("+ Ready for literal\r\n+ [ALERT] careful\r\n+ dGVzdA==\r\n");
        Assert.All(responses, r => Assert.Equal(ImapResponseKind.Continuation, r.Kind));
        Assert.Equal("Ready for literal", responses[0].Text);
        Assert.Equal(("ALERT", "careful"), (responses[1].Code!.Name, responses[1].Text));
        Assert.Equal("dGVzdA==", responses[2].Text);
    }

    [Fact]
    public async Task Read_BodyLiteralHoldingResponseLines_StaysData()
    {
        var responses = await ReadAll("* 1 FETCH (BODY[] " + Lit("x\r\n* 3 EXISTS\r\nA1 OK") + ")\r\nA1 OK done\r\n");
        Assert.Equal(2, responses.Count);
        Assert.True(responses[0].TryGetFetchItem("BODY[]", out var body));
        Assert.Equal("x\r\n* 3 EXISTS\r\nA1 OK", body.AsString());
        Assert.Equal("A1", responses[1].Tag);
    }

    [Fact]
    public async Task Read_BinaryLiteral_KeepsEveryByte()
    {
        var response = await ReadOne("* 6 FETCH (BINARY[1] ~{4}\r\n\0\r\n\u0001)\r\n");
        Assert.True(response.TryGetFetchItem("BINARY[1]", out var value));
        Assert.Equal(new byte[] { 0, 13, 10, 1 }, value.AsBytes());
    }

    [Fact]
    public async Task Read_BigSearch_IsAllowed()
    {
        var line = "* SEARCH " + string.Join(' ', Enumerable.Range(1, 100_000)) + "\r\n";
        var response = await ReadOne2(line);
        Assert.Equal(100_000, response.Arguments.Count);
        Assert.Equal(100_000ul, response.Arguments[^1].AsNumber());
    }

    private static async Task<ImapResponse> ReadOne2(string text) => Assert.Single(await ReadAll(text, null, maxLine: 1024 * 1024));
}
