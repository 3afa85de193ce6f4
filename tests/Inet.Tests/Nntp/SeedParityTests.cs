using System.Text;
using Inet.Nntp;
using Inet.Tests.Fakes;
using static Inet.Tests.Nntp.NntpTestHelpers;

namespace Inet.Tests.Nntp;

/// <summary>
/// Each API of the seeds, Python's nntplib and the classic NNTPClient of the "Sockets: Usenet
/// Support" draft, next to the Inet call that does the same, against a scripted server.
/// </summary>
public class SeedParityTests
{
    [Fact]
    public async Task Nntplib_Group_ReturnsCountFirstLastName()
    {
        // nntplib: resp, count, first, last, name = s.group('comp.lang.python')
        await using var server = Server("C: GROUP comp.lang.python\nS: 211 1096 3742 4837 comp.lang.python");
        await using var client = await Connect(server);
        var (count, first, last, name) = await client.GroupAsync("comp.lang.python");
        Assert.Equal((1096L, 3742L, 4837L, "comp.lang.python"), (count, first, last, name));
        await server.Completion;
    }

    [Fact]
    public async Task Nntplib_XhdrWithFile_WritesLines()
    {
        // nntplib: s.xhdr('subject', '1-2', file=f)
        await using var server = Server("C: HDR subject 1-2\nS: 225 ok\nS: 1 Re: one\nS: 2 two\nS: .");
        await using var client = await Connect(server);
        var file = new MemoryStream();
        await client.CopyHdrToAsync("subject", ArticleRange.Between(1, 2), file);
        Assert.Equal("1 Re: one\r\n2 two\r\n", Encoding.UTF8.GetString(file.ToArray()));
        await server.Completion;
    }

    [Fact]
    public async Task Nntplib_ArticleHeadBody_ByNumberOrMessageId_WithFile()
    {
        // nntplib: s.article(1, file=f); s.head('<id>', file=f); s.body(2, file=f)
        await using var server = Server("""
            C: ARTICLE 1
            S: 220 1 <a@x>
            S: Subject: a
            S:
            S: body a
            S: .
            C: HEAD <b@x>
            S: 221 0 <b@x>
            S: Subject: b
            S: .
            C: BODY 2
            S: 222 2 <c@x>
            S: body c
            S: .
            """);
        await using var client = await Connect(server);
        var article = new MemoryStream();
        var head = new MemoryStream();
        var body = new MemoryStream();
        Assert.Equal(1, (await client.CopyArticleToAsync(1, article)).Number);
        Assert.Equal("<b@x>", (await client.CopyHeadToAsync("<b@x>", head)).MessageId);
        await client.CopyBodyToAsync(2, body);
        Assert.Equal("Subject: a\r\n\r\nbody a\r\n", Encoding.ASCII.GetString(article.ToArray()));
        Assert.Equal("Subject: b\r\n", Encoding.ASCII.GetString(head.ToArray()));
        Assert.Equal("body c\r\n", Encoding.ASCII.GetString(body.ToArray()));
        await server.Completion;
    }

    [Fact]
    public async Task Nntplib_StatNextLast()
    {
        // nntplib: s.stat(), s.next(), s.last() return (resp, number, message_id)
        await using var server = Server("C: STAT\nS: 223 5 <5@x>\nC: NEXT\nS: 223 6 <6@x>\nC: LAST\nS: 223 5 <5@x>");
        await using var client = await Connect(server);
        Assert.Equal(new ArticleInfo(5, "<5@x>"), await client.StatAsync());
        Assert.Equal(new ArticleInfo(6, "<6@x>"), await client.NextAsync());
        Assert.Equal(new ArticleInfo(5, "<5@x>"), await client.LastAsync());
        await server.Completion;
    }

    [Fact]
    public async Task Nntplib_PostFile_LoginQuit()
    {
        // nntplib: s.login(user, password); s.post(f); s.quit()
        await using var server = Server("""
            C: AUTHINFO USER joe
            S: 381 more
            C: AUTHINFO PASS pw
            S: 281 ok
            C: CAPABILITIES
            S: 101 caps
            S: READER
            S: POST
            S: .
            C: POST
            S: 340 go
            """).ExpectDataBlock("From: a@b\r\nNewsgroups: x\r\nSubject: s\r\n\r\nhi\r\n").Script("S: 240 posted\nC: QUIT\nS: 205 bye");
        await using var client = await Connect(server);
        await client.LoginAsync("joe", "pw");
        await using (var file = new MemoryStream("From: a@b\r\nNewsgroups: x\r\nSubject: s\r\n\r\nhi\r\n"u8.ToArray()))
            Assert.Equal("posted", await client.PostAsync(file));
        await client.QuitAsync();
        Assert.False(client.IsConnected);
        await server.Completion;
    }

    [Fact]
    public async Task DraftClient_WelcomeMayPostMustLogin()
    {
        // draft NNTPClient: welcome, may_post, must_login
        await using var server = Server("C: GROUP private\nS: 480 login first", postingAllowed: false);
        await using var client = await Connect(server);
        Assert.Equal("news.test no posting", client.Welcome);
        Assert.False(client.PostingAllowed);
        Assert.False(client.MustLogin);
        var error = await Assert.ThrowsAsync<NntpAuthenticationRequiredException>(() => client.GroupAsync("private"));
        Assert.Equal(480, error.Code);
        Assert.True(client.MustLogin);
        await server.Completion;
    }

    [Fact]
    public async Task DraftClient_ListGroupOverviewViaXoverRetrieve()
    {
        // draft NNTPClient: list(), group(name), overview via XOVER, retrieve ARTICLE/HEAD/BODY
        await using var server = Server("""
            C: LIST ACTIVE
            S: 215 list
            S: alt.test 2 1 y
            S: .
            C: GROUP alt.test
            S: 211 2 1 2 alt.test
            C: LIST OVERVIEW.FMT
            S: 500 unknown
            C: OVER 1-2
            S: 500 unknown
            C: XOVER 1-2
            S: 224 ok
            S: 1	one	a@b	d	<1@x>		10	1
            S: 2	two	a@b	d	<2@x>	<1@x>	20	2
            S: .
            C: BODY 2
            S: 222 2 <2@x>
            S: text
            S: .
            """);
        await using var client = await Connect(server);
        Assert.Equal("alt.test", Assert.Single(await client.ListActiveAsync().ToListAsync()).Name);
        await client.GroupAsync("alt.test");
        var overview = await client.OverAsync(ArticleRange.Between(1, 2)).ToListAsync();
        Assert.Equal(["one", "two"], overview.Select(o => o.Subject));
        Assert.Equal("<1@x>", overview[1].References);
        await using var body = await client.OpenBodyAsync(2);
        Assert.Equal("text\r\n", await new StreamReader(body.Content).ReadToEndAsync());
        await server.Completion;
    }
}
