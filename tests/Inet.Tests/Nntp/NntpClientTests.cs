using System.Text;
using Inet.Core;
using Inet.Nntp;
using Inet.Tests.Fakes;
using static Inet.Tests.Nntp.NntpTestHelpers;

namespace Inet.Tests.Nntp;

public class NntpClientTests
{
    [Fact]
    public async Task Connect_Welcome200_PostingAllowedAndCapabilitiesRead()
    {
        await using var server = Server("C: QUIT\nS: 205 bye");
        await using var client = await Connect(server);
        Assert.True(client.PostingAllowed);
        Assert.Equal("news.test ready", client.Welcome);
        Assert.True(client.Capabilities.HasOver && client.Capabilities.IsReader);
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task Connect_Welcome201_PostingNotAllowed()
    {
        await using var server = Server("C: QUIT\nS: 205 bye", postingAllowed: false);
        await using var client = await Connect(server);
        Assert.False(client.PostingAllowed);
        await client.QuitAsync();
        await server.Completion;
    }

    [Theory]
    [InlineData("400 service temporarily unavailable")]
    [InlineData("502 service permanently unavailable")]
    public async Task Connect_Welcome400or502_ThrowsServiceUnavailable(string welcome)
    {
        await using var server = new ScriptedServer().Script("S: " + welcome);
        var error = await Assert.ThrowsAsync<NntpServiceUnavailableException>(() => Connect(server));
        Assert.Equal(int.Parse(welcome[..3], System.Globalization.CultureInfo.InvariantCulture), error.Code);
        await server.Completion; // and the client sent nothing after the refusal (checked on dispose)
    }

    [Fact]
    public async Task Connect_TransitServer_SendsModeReader()
    {
        await using var server = new ScriptedServer().Script("""
            S: 200 inn ready
            C: CAPABILITIES
            S: 101 caps
            S: VERSION 2
            S: MODE-READER
            S: IHAVE
            S: .
            C: MODE READER
            S: 201 nnrpd no posting
            C: CAPABILITIES
            S: 101 caps
            S: VERSION 2
            S: READER
            S: .
            """);
        await using var client = await Connect(server);
        Assert.False(client.PostingAllowed);
        Assert.True(client.Capabilities.IsReader);
        await server.Completion;
    }

    [Fact]
    public async Task Group_Reply211_ReturnsCountFirstLastName()
    {
        await using var server = Server("C: GROUP misc.test\nS: 211 1234 3000234 3002322 misc.test");
        await using var client = await Connect(server);
        var group = await client.GroupAsync("misc.test");
        Assert.Equal(new GroupInfo(1234, 3000234, 3002322, "misc.test"), group);
        Assert.Equal(group, client.CurrentGroup);
        await server.Completion;
    }

    [Fact]
    public async Task Group_Reply411_ThrowsNoSuchGroup()
    {
        await using var server = Server("C: GROUP nope\nS: 411 No such group");
        await using var client = await Connect(server);
        var error = await Assert.ThrowsAsync<NntpNoSuchGroupException>(() => client.GroupAsync("nope"));
        Assert.Equal(411, error.Code);
        await server.Completion;
    }

    [Theory]
    [InlineData("bad\r\nQUIT")]
    [InlineData("bad\nx")]
    [InlineData("nul\0x")]
    public async Task Group_NameWithControlCharacters_RejectedBeforeSending(string name)
    {
        await using var server = Server("C: DATE\nS: 111 20240101120000");
        await using var client = await Connect(server);
        await Assert.ThrowsAsync<ArgumentException>(() => client.GroupAsync(name));
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 12, 0, 0, TimeSpan.Zero), await client.DateAsync());
        await server.Completion;
        Assert.Equal("CAPABILITIES\nDATE\n", server.Received.ToString()); // no byte of the refused GROUP
    }

    [Fact]
    public async Task Stat_ByMessageIdWithCrLf_RejectedBeforeSending()
    {
        await using var server = Server("C: DATE\nS: 111 20240101120000");
        await using var client = await Connect(server);
        await Assert.ThrowsAsync<ArgumentException>(() => client.StatAsync(ArticleId.ByMessageId("<a@b>\r\nQUIT")));
        Assert.Equal(2024, (await client.DateAsync()).Year); // the next line on the wire is DATE, not a piece of STAT
        await server.Completion;
        Assert.Equal("CAPABILITIES\nDATE\n", server.Received.ToString());
    }

    [Fact]
    public async Task ListGroup_YieldsNumbers()
    {
        await using var server = Server("""
            C: LISTGROUP misc.test 3000234-
            S: 211 3 3000234 3000236 misc.test list follows
            S: 3000234
            S: 3000235
            S: 3000236
            S: .
            """);
        await using var client = await Connect(server);
        Assert.Equal([3000234L, 3000235, 3000236], await client.ListGroupAsync("misc.test", ArticleRange.From(3000234)).ToListAsync());
        Assert.Equal(3, client.CurrentGroup!.Count);
        await server.Completion;
    }

    [Fact]
    public async Task StatNextLast_ParseNumberAndMessageId()
    {
        await using var server = Server("""
            C: STAT 3000234
            S: 223 3000234 <45223423@example.com>
            C: NEXT
            S: 223 3000237 <668929@example.org> retrieved
            C: LAST
            S: 223 3000234 <45223423@example.com> retrieved
            C: STAT <x@y>
            S: 223 0 <x@y>
            C: STAT
            S: 223 3000234 <45223423@example.com>
            C: NEXT
            S: 421 No next article
            C: STAT <gone@y>
            S: 430 No such article
            """);
        await using var client = await Connect(server);
        Assert.Equal(new ArticleInfo(3000234, "<45223423@example.com>"), await client.StatAsync(3000234));
        Assert.Equal(3000237, (await client.NextAsync()).Number);
        Assert.Equal(3000234, (await client.LastAsync()).Number);
        Assert.Equal(0, (await client.StatAsync("x@y")).Number);
        Assert.Equal(3000234, (await client.StatAsync()).Number);
        await Assert.ThrowsAsync<NntpNoSuchArticleException>(() => client.NextAsync());
        var missing = await Assert.ThrowsAsync<NntpNoSuchArticleException>(() => client.StatAsync("<gone@y>"));
        Assert.Equal(430, missing.Code);
        await server.Completion;
    }

    [Fact]
    public async Task Body_IsUnstuffedByteExact_AndNextCommandWorksAfterPartialRead()
    {
        await using var server = Server("""
            C: BODY 10
            S: 222 10 <a@b>
            S: line one
            S: ..starts with dot
            S:
            S: .
            C: BODY 11
            S: 222 11 <c@d>
            S: skipped
            S: .
            C: STAT 12
            S: 223 12 <e@f>
            """);
        server.OneBytePerWrite = true;
        await using var client = await Connect(server);
        var output = new MemoryStream();
        var info = await client.CopyBodyToAsync(10, output);
        Assert.Equal("<a@b>", info.MessageId);
        Assert.Equal("line one\r\n.starts with dot\r\n\r\n", Encoding.ASCII.GetString(output.ToArray()));
        var body = await client.OpenBodyAsync(11);
        Assert.Equal((byte)'s', (byte)body.Content.ReadByte());
        Assert.Equal(12, (await client.StatAsync(12)).Number); // drains the rest of body 11 first
        await server.Completion;
    }

    [Fact]
    public async Task Article_DisconnectMidBody_ThrowsAndIsNotComplete()
    {
        await using var server = Server("C: ARTICLE <a@b>\nS: 220 1 <a@b>\nS: Subject: x\nS:\nS: partial body").Disconnect();
        await using var client = await Connect(server);
        await using var body = await client.OpenArticleAsync("<a@b>");
        await Assert.ThrowsAsync<ConnectionClosedException>(() => body.CopyToAsync(Stream.Null));
        Assert.False(body.IsComplete);
        Assert.False(client.IsConnected);
        await server.Completion;
    }

    [Fact]
    public async Task GetArticle_ParsesHeadersAndRfc2047()
    {
        await using var server = Server("""
            C: ARTICLE <a@b>
            S: 220 5 <a@b>
            S: From: Joe <joe@example.com>
            S: Newsgroups: misc.test
            S: Subject: =?UTF-8?B?SGVsbG8gV8O2cmxk?=
            S: Message-ID: <a@b>
            S:
            S: Body text
            S: .
            C: HEAD 5
            S: 221 5 <a@b>
            S: Subject: plain
            S: X-Folded: a
            S:  b
            S: .
            """);
        await using var client = await Connect(server);
        var article = await client.GetArticleAsync("<a@b>");
        Assert.Equal("Hello Wörld", article.Subject);
        Assert.Equal(5, article.Number);
        Assert.Contains("Body text", article.Message.TextBody, StringComparison.Ordinal);
        var head = await client.GetHeadAsync(5);
        Assert.Equal("plain", head["Subject"]);
        Assert.Equal("a b", head["X-Folded"]!.Trim().Replace("\r\n", "", StringComparison.Ordinal).Replace("  ", " ", StringComparison.Ordinal));
        await server.Completion;
    }

    [Fact]
    public async Task Post_DotStuffsAndReturns240()
    {
        string? sent = null;
        await using var server = Server("C: POST\nS: 340 send it")
            .ExpectDataBlock(block => sent = block)
            .Send("240 article received");
        await using var client = await Connect(server);
        var text = await client.PostAsync(new MemoryStream(Encoding.ASCII.GetBytes("Subject: t\r\n\r\n.dot line\nbare lf\r\n.")));
        Assert.Equal("article received", text);
        Assert.Equal("Subject: t\r\n\r\n..dot line\r\nbare lf\r\n..\r\n", sent);
        await server.Completion;
    }

    [Fact]
    public async Task Post_Refused441_ThrowsPostingException()
    {
        await using var server = Server("C: POST\nS: 340 send it").ExpectDataBlock("Subject: t\r\n\r\nx\r\n").Send("441 posting failed: duplicate");
        await using var client = await Connect(server);
        var error = await Assert.ThrowsAsync<NntpPostingException>(() => client.PostAsync(new MemoryStream("Subject: t\r\n\r\nx\r\n"u8.ToArray())));
        Assert.Equal(441, error.Code);
        await server.Completion;
    }

    [Fact]
    public async Task Post_NotPermitted440_ThrowsPostingException()
    {
        await using var server = Server("C: POST\nS: 440 posting not permitted");
        await using var client = await Connect(server);
        await Assert.ThrowsAsync<NntpPostingException>(() => client.PostAsync(new MemoryStream("x"u8.ToArray())));
        await server.Completion;
    }

    [Fact]
    public async Task IHave_335Then235()
    {
        await using var server = Server("C: IHAVE <i@h>\nS: 335 send").ExpectDataBlock("Subject: x\r\n\r\n..b\r\n...\r\nc\r\n").Send("235 thanks");
        await using var client = await Connect(server);
        await client.IHaveAsync("<i@h>", new MemoryStream("Subject: x\r\n\r\n.b\r\n..\r\nc\r\n"u8.ToArray()));
        await server.Completion;
    }

    [Fact]
    public async Task AnyCommand_5xx_ThrowsProtocolExceptionWithCode()
    {
        await using var server = Server("C: HELP\nS: 503 program fault");
        await using var client = await Connect(server);
        var error = await Assert.ThrowsAsync<ProtocolException>(() => client.HelpAsync());
        Assert.Equal(503, error.Code);
        Assert.False(error.IsTransient);
        await server.Completion;
    }

    [Fact]
    public async Task NonNumericReply_ThrowsViolationAndBreaksConnection()
    {
        await using var server = Server("C: DATE\nS: hello there");
        await using var client = await Connect(server);
        await Assert.ThrowsAsync<ProtocolViolationException>(() => client.DateAsync());
        Assert.False(client.IsConnected);
        await server.Completion;
    }

    [Fact]
    public async Task OverlongReplyLine_ThrowsViolation()
    {
        await using var server = Server("C: GROUP g").SendRaw(Encoding.ASCII.GetBytes("211 " + new string('9', 70_000) + "\r\n"));
        await using var client = await Connect(server);
        await Assert.ThrowsAsync<ProtocolViolationException>(() => client.GroupAsync("g"));
        Assert.False(client.IsConnected);
        await server.Completion;
    }

    [Fact]
    public async Task DateAndHelp()
    {
        await using var server = Server("""
            C: DATE
            S: 111 19990623135624
            C: HELP
            S: 100 Help text follows
            S: This is some help text.
            S: .
            """);
        await using var client = await Connect(server);
        Assert.Equal(new DateTimeOffset(1999, 6, 23, 13, 56, 24, TimeSpan.Zero), await client.DateAsync());
        Assert.Equal(["This is some help text."], await client.HelpAsync());
        await server.Completion;
    }
}
