using System.Text;
using Inet.Nntp;
using Inet.Tests.Fakes;
using static Inet.Tests.Nntp.NntpTestHelpers;

namespace Inet.Tests.Nntp;

public class NntpListingTests
{
    private const string OverviewFmt = """
        C: LIST OVERVIEW.FMT
        S: 215 Order of fields in overview database.
        S: Subject:
        S: From:
        S: Date:
        S: Message-ID:
        S: References:
        S: :bytes
        S: :lines
        S: Xref:full
        S: .
        """;

    [Fact]
    public async Task Over_ParsesFieldsAndExtraHeaders()
    {
        await using var server = Server(OverviewFmt + """

            C: OVER 3000234-3000235
            S: 224 Overview information follows
            S: 3000234	I am just a test article	"Demo User" <nobody@example.com>	6 Oct 1998 04:38:40 -0500	<45223423@example.com>	<45454@example.net>	1234	17	Xref: news.example.com misc.test:3000363
            S: 3000235	Another test article	nobody@nowhere.to (Demo User)	6 Oct 1998 04:38:45 -0500	<45223425@to.to>		4818	37
            S: .
            """);
        await using var client = await Connect(server);
        var records = await client.OverAsync(ArticleRange.Between(3000234, 3000235)).ToListAsync();
        Assert.Equal(2, records.Count);
        var first = records[0];
        Assert.Equal((3000234L, "I am just a test article", "<45223423@example.com>", "<45454@example.net>", 1234L, 17L),
            (first.Number, first.Subject, first.MessageId, first.References, first.Bytes, first.Lines));
        Assert.Equal("news.example.com misc.test:3000363", first.GetExtra("Xref"));
        Assert.Equal(new DateTimeOffset(1998, 10, 6, 4, 38, 40, TimeSpan.FromHours(-5)), first.ParsedDate);
        Assert.Equal("", records[1].References);
        Assert.Null(records[1].GetExtra("Xref"));
        await server.Completion;
    }

    [Fact]
    public async Task Over_Unknown500_FallsBackToXover()
    {
        await using var server = Server("""
            C: LIST OVERVIEW.FMT
            S: 500 What?
            C: OVER 1-
            S: 500 Unknown command
            C: XOVER 1-
            S: 224 data follows
            S: 1	s	f	d	<m@x>		10	1
            S: .
            C: XOVER 2-
            S: 224 data follows
            S: .
            """);
        await using var client = await Connect(server);
        Assert.Single(await client.OverAsync(ArticleRange.From(1)).ToListAsync());
        Assert.Empty(await client.OverAsync(ArticleRange.From(2)).ToListAsync());
        await server.Completion;
    }

    [Fact]
    public async Task Over_MalformedLine_ThrowsViolation()
    {
        await using var server = Server(OverviewFmt + "\nC: OVER\nS: 224 ok\nS: not-a-number\tx\nS: .");
        await using var client = await Connect(server);
        await Assert.ThrowsAsync<Inet.Core.ProtocolViolationException>(() => client.OverAsync().ToListAsync());
        Assert.False(client.IsConnected);
        await server.Completion;
    }

    [Fact]
    public async Task Over_AbandonedEarly_NextCommandStillInStep()
    {
        await using var server = Server(OverviewFmt + """

            C: OVER 1-3
            S: 224 ok
            S: 1	a	f	d	<1@x>		1	1
            S: 2	b	f	d	<2@x>		1	1
            S: 3	c	f	d	<3@x>		1	1
            S: .
            C: DATE
            S: 111 20000101000000
            """);
        await using var client = await Connect(server);
        await foreach (var record in client.OverAsync(ArticleRange.Between(1, 3)))
            break;
        Assert.Equal(2000, (await client.DateAsync()).Year);
        await server.Completion;
    }

    [Fact]
    public async Task Hdr_Unknown500_FallsBackToXhdr_AndCopiesToFile()
    {
        await using var server = Server("""
            C: HDR Subject 1-2
            S: 500 What?
            C: XHDR Subject 1-2
            S: 221 Header follows
            S: 1 First subject
            S: 2 Second subject
            S: .
            """);
        await using var client = await Connect(server);
        var file = new MemoryStream();
        Assert.Equal(2, await client.CopyHdrToAsync("Subject", ArticleRange.Between(1, 2), file));
        Assert.Equal("1 First subject\r\n2 Second subject\r\n", Encoding.UTF8.GetString(file.ToArray()));
        await server.Completion;
    }

    [Fact]
    public async Task Hdr_ByMessageId_NumberZero()
    {
        await using var server = Server("C: HDR Subject <i@d>\nS: 225 Headers follow\nS: 0 A subject\nS: .");
        await using var client = await Connect(server);
        Assert.Equal([new HeaderValue(0, "A subject")], await client.HdrAsync("Subject", ArticleId.ByMessageId("<i@d>")).ToListAsync());
        await server.Completion;
    }

    [Fact]
    public async Task XPat_ReturnsMatches()
    {
        await using var server = Server("C: XPAT Subject 1- *test*\nS: 221 matches\nS: 3 a test\nS: .");
        await using var client = await Connect(server);
        Assert.Equal([new HeaderValue(3, "a test")], await client.XPatAsync("Subject", ArticleRange.From(1), ["*test*"]).ToListAsync());
        await server.Completion;
    }

    [Fact]
    public async Task ListVariants_Parse()
    {
        await using var server = Server("""
            C: LIST ACTIVE misc.*
            S: 215 list follows
            S: misc.test 3002322 3000234 y
            S: misc.empty 0000000000 0000000001 n
            S: .
            C: LIST ACTIVE.TIMES
            S: 215 times
            S: misc.test 930445408 <creatme@isc.org>
            S: .
            C: LIST NEWSGROUPS
            S: 215 descriptions
            S: misc.test	General Usenet testing
            S: .
            C: LIST HEADERS
            S: 215 headers
            S: Subject
            S: :bytes
            S: .
            C: LIST DISTRIB.PATS
            S: 215 pats
            S: 10:local.*:local
            S: .
            """);
        await using var client = await Connect(server);
        var active = await client.ListActiveAsync("misc.*").ToListAsync();
        Assert.Equal([new NewsgroupInfo("misc.test", 3002322, 3000234, "y"), new NewsgroupInfo("misc.empty", 0, 1, "n")], active);
        var times = Assert.Single(await client.ListActiveTimesAsync().ToListAsync());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(930445408), times.Created);
        Assert.Equal(new GroupDescription("misc.test", "General Usenet testing"), Assert.Single(await client.ListNewsgroupsAsync().ToListAsync()));
        Assert.Equal(["Subject", ":bytes"], await client.ListHeadersAsync());
        Assert.Equal(new DistributionPattern(10, "local.*", "local"), Assert.Single(await client.ListDistributionPatternsAsync().ToListAsync()));
        await server.Completion;
    }

    [Fact]
    public async Task NewGroupsAndNewNews_FormatDateAsGmt()
    {
        await using var server = Server("""
            C: NEWGROUPS 20240102 030405 GMT
            S: 231 list of new newsgroups follows
            S: alt.rfc-writers.recovery 4 1 y
            S: .
            C: NEWNEWS news.* 20240102 030405 GMT
            S: 230 list of new articles by message-id follows
            S: <i.am.a.new.article@example.com>
            S: .
            """);
        await using var client = await Connect(server);
        var since = new DateTimeOffset(2024, 1, 2, 4, 4, 5, TimeSpan.FromHours(1));
        Assert.Equal("alt.rfc-writers.recovery", Assert.Single(await client.NewGroupsAsync(since).ToListAsync()).Name);
        Assert.Equal(["<i.am.a.new.article@example.com>"], await client.NewNewsAsync("news.*", since).ToListAsync());
        await server.Completion;
    }

    [Fact]
    public async Task Pipeline_BodiesInOrder_MissingOnesYieldedNotThrown()
    {
        await using var server = Server("C: BODY <1@x>\nC: BODY <2@x>\n")
            .Script("""
            S: 222 0 <1@x>
            S: one
            S: .
            C: BODY <3@x>
            S: 430 no such article
            S: 222 0 <3@x>
            S: ..three
            S: .
            """);
        await using var client = await Connect(server);
        var texts = new List<string>();
        await foreach (var item in client.PipelineAsync("BODY", [ArticleId.ByMessageId("<1@x>"), ArticleId.ByMessageId("<2@x>"), ArticleId.ByMessageId("<3@x>")], depth: 2))
        {
            if (item.Body is null) { texts.Add(item.Reply.Code.ToString(System.Globalization.CultureInfo.InvariantCulture)); continue; }
            var buffer = new MemoryStream();
            await item.Body.CopyToAsync(buffer);
            texts.Add(Encoding.ASCII.GetString(buffer.ToArray()));
        }
        Assert.Equal(["one\r\n", "430", ".three\r\n"], texts);
        await server.Completion;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Pipeline_RawBodies_AreWireBytesWithTerminator_UnreadOnesSkipped(bool skipFirst)
    {
        await using var server = Server("C: BODY <1@x>\nC: BODY <2@x>\n")
            .Script("""
            S: 222 0 <1@x>
            S: one
            S: ..
            S: .
            C: BODY <3@x>
            S: 430 no such article
            S: 222 0 <3@x>
            S: ..three
            S: .
            """);
        await using var client = await Connect(server);
        var texts = new List<string>();
        await foreach (var item in client.PipelineAsync("BODY", [ArticleId.ByMessageId("<1@x>"), ArticleId.ByMessageId("<2@x>"), ArticleId.ByMessageId("<3@x>")], depth: 2, rawBodies: true))
        {
            if (item.Body is null) { texts.Add(item.Reply.Code.ToString(System.Globalization.CultureInfo.InvariantCulture)); continue; }
            Assert.True(item.Body.IsDotStuffed);
            if (skipFirst && item.Body.MessageId == "<1@x>") { texts.Add("skipped"); continue; }
            var buffer = new MemoryStream();
            await item.Body.CopyToAsync(buffer);
            Assert.True(item.Body.IsComplete);
            Assert.Equal(buffer.Length, item.Body.BytesRead);
            texts.Add(Encoding.ASCII.GetString(buffer.ToArray()));
        }
        Assert.Equal([skipFirst ? "skipped" : "one\r\n..\r\n.\r\n", "430", "..three\r\n.\r\n"], texts);
        await server.Completion;
    }

    [Fact]
    public async Task ModeReader401_SwitchesModeAndRetries()
    {
        await using var server = new ScriptedServer().Script("""
            S: 200 transit
            C: CAPABILITIES
            S: 500 What?
            C: GROUP g
            S: 401 MODE-READER
            C: MODE READER
            S: 200 reader
            C: CAPABILITIES
            S: 500 What?
            C: GROUP g
            S: 211 0 1 0 g
            """);
        await using var client = await Connect(server);
        Assert.Equal("g", (await client.GroupAsync("g")).Name);
        await server.Completion;
    }
}
