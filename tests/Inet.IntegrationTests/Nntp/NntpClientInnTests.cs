using System.Security.Cryptography.X509Certificates;
using System.Text;
using Inet.Core;
using Inet.IntegrationTests.Infrastructure;
using Inet.Nntp;

namespace Inet.IntegrationTests.Nntp;

/// <summary>The NNTP client against the real INN 2 started by test.sh.</summary>
[Collection(NntpServerCollection.Name)]
public sealed class NntpClientInnTests(NntpServerFixture server)
{
    private NntpClientOptions Options(bool tls = false, string? user = null, string? password = null, bool startTls = false, bool compress = false)
    {
        var s = server.Settings;
        return new NntpClientOptions
        {
            Connection = new ConnectionSettings
            {
                Host = s.Host,
                Port = tls ? server.TlsPort : s.Port,
                UseImplicitTls = tls,
                TlsTargetHost = "localhost",
                ReadTimeout = TimeSpan.FromSeconds(30),
                TrustedRootCertificates = server.CaCertificate is { } ca ? new X509Certificate2Collection(ca) : null,
            },
            UserName = user,
            Password = password,
            RequireStartTls = startTls,
            UseCompression = compress,
        };
    }

    private static string NewMessageId() => TestArticles.NewMessageId();

    private static MemoryStream TextArticle(string messageId, string subject, string body, string group = NntpServerSettings.TestGroup) =>
        TestArticles.Text(messageId, subject, body, group);

    [RequiresNntpServerFact]
    public async Task Connect_TransitInn_SwitchesToReaderMode()
    {
        await using var client = await NntpClient.ConnectAsync(Options());
        Assert.True(client.Capabilities.IsReader);
        Assert.True(client.PostingAllowed);
        Assert.True(client.Capabilities.HasOver);
    }

    [RequiresNntpServerFact]
    public async Task Post_ThenReadBack_ByMessageIdAndNumber_WithOverHdrStat()
    {
        await using var client = await NntpClient.ConnectAsync(Options());
        var id = NewMessageId();
        var subject = "inet test " + Guid.NewGuid().ToString("N")[..8];
        await client.PostAsync(TextArticle(id, subject, ".leading dot line\r\nsecond line\r\n"));

        var body = new MemoryStream();
        await client.CopyBodyToAsync(id, body);
        Assert.Equal(".leading dot line\r\nsecond line\r\n", Encoding.UTF8.GetString(body.ToArray()));

        var article = await client.GetArticleAsync(id);
        Assert.Equal(subject, article.Subject);

        var group = await client.GroupAsync(NntpServerSettings.TestGroup);
        var stat = await client.StatAsync(id);
        Assert.Equal(id, stat.MessageId);

        // INN assigns the number when the article is filed (its Xref); OVER by that number finds it.
        var number = await TestArticles.NumberInAsync(client, id);
        Assert.InRange(number, group.First, group.Last);
        var overview = new List<OverviewRecord>();
        await foreach (var record in client.OverAsync(ArticleRange.Single(number)))
            overview.Add(record);
        var mine = Assert.Single(overview);
        Assert.Equal((number, id, subject), (mine.Number, mine.MessageId, mine.Subject));
        Assert.True(mine.Bytes > 0);
        Assert.Equal(id, (await client.StatAsync(mine.Number)).MessageId);

        var subjects = new List<HeaderValue>();
        await foreach (var value in client.HdrAsync("Subject", ArticleRange.Single(mine.Number)))
            subjects.Add(value);
        Assert.Equal(new HeaderValue(mine.Number, subject), Assert.Single(subjects));

        var numbers = new List<long>();
        await foreach (var n in client.ListGroupAsync(NntpServerSettings.TestGroup))
            numbers.Add(n);
        Assert.Contains(mine.Number, numbers);
    }

    [RequiresNntpServerFact]
    public async Task NextAndLast_WalkTheGroup()
    {
        await using var client = await NntpClient.ConnectAsync(Options());
        var (id1, id2) = (NewMessageId(), NewMessageId());
        await client.PostAsync(TextArticle(id1, "walk 1", "a\r\n"));
        await client.PostAsync(TextArticle(id2, "walk 2", "b\r\n"));
        var (n1, n2) = (await TestArticles.NumberInAsync(client, id1), await TestArticles.NumberInAsync(client, id2));
        Assert.True(n2 > n1);
        var group = await client.GroupAsync(NntpServerSettings.TestGroup);
        Assert.Equal(id1, (await client.StatAsync(n1)).MessageId);
        // Another client may post in between, so NEXT lands after n1 and no later than n2.
        var next = await client.NextAsync();
        Assert.InRange(next.Number, n1 + 1, n2);
        var back = await client.LastAsync();
        Assert.Equal((n1, id1), (back.Number, back.MessageId));
        await client.StatAsync(group.Last);
        await Assert.ThrowsAsync<NntpNoSuchArticleException>(() => client.NextAsync());
    }

    [RequiresNntpServerFact]
    public async Task MissingArticleAndGroup_TypedErrors()
    {
        await using var client = await NntpClient.ConnectAsync(Options());
        var missing = await Assert.ThrowsAsync<NntpNoSuchArticleException>(() => client.StatAsync(NewMessageId()));
        Assert.Equal(430, missing.Code);
        await Assert.ThrowsAsync<NntpNoSuchGroupException>(() => client.GroupAsync("inet.no.such.group"));
        var empty = await client.GroupAsync(NntpServerSettings.EmptyGroup);
        Assert.Equal(0, empty.Count);
    }

    [RequiresNntpServerFact]
    public async Task EmptyGroup_RangeListings_YieldNothing_MissingArticleStillThrows()
    {
        await using var client = await NntpClient.ConnectAsync(Options());
        var group = await client.GroupAsync(NntpServerSettings.EmptyGroup);
        Assert.Equal(0, group.Count);

        Assert.Empty(await ToListAsync(client.OverAsync(ArticleRange.From(1))));
        Assert.Empty(await ToListAsync(client.HdrAsync("Subject", ArticleRange.From(1))));
        Assert.Empty(await ToListAsync(client.ListGroupAsync(NntpServerSettings.EmptyGroup, ArticleRange.From(1))));
        Assert.Empty(await ToListAsync(client.NewNewsAsync(NntpServerSettings.EmptyGroup, DateTimeOffset.UtcNow.AddYears(-30))));
        var missing = await Assert.ThrowsAsync<NntpNoSuchArticleException>(() => client.StatAsync(1));
        Assert.Equal(423, missing.Code);
        Assert.Equal(NntpServerSettings.EmptyGroup, (await client.GroupAsync(NntpServerSettings.EmptyGroup)).Name);
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
            list.Add(item);
        return list;
    }

    [RequiresNntpServerFact]
    public async Task Auth_WrongPassword_Fails481()
    {
        await using var client = await NntpClient.ConnectAsync(Options());
        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => client.LoginAsync(server.Settings.User!, "wrong-password"));
        Assert.Equal(481, error.Code);
    }

    [RequiresNntpServerFact]
    public async Task Auth_RestrictedGroup_480ThenLoginAndRetry()
    {
        await using var anonymous = await NntpClient.ConnectAsync(Options());
        await Assert.ThrowsAnyAsync<ProtocolException>(() => anonymous.GroupAsync(NntpServerSettings.RestrictedGroup));

        await using var client = await NntpClient.ConnectAsync(Options(user: server.Settings.User, password: server.Settings.Password));
        var group = await client.GroupAsync(NntpServerSettings.RestrictedGroup);
        Assert.Equal(NntpServerSettings.RestrictedGroup, group.Name);
        Assert.True(client.IsAuthenticated);
    }

    [RequiresNntpServerFact]
    public async Task StartTls_ThenAuthenticateAndRead()
    {
        await using var client = await NntpClient.ConnectAsync(Options(startTls: true, user: server.Settings.User, password: server.Settings.Password));
        Assert.True(client.IsSecure);
        Assert.False(client.Capabilities.HasStartTls);
        await client.LoginAsync(server.Settings.User!, server.Settings.Password!);
        Assert.Equal(NntpServerSettings.TestGroup, (await client.GroupAsync(NntpServerSettings.TestGroup)).Name);
    }

    [RequiresNntpServerFact]
    public async Task Ipv6Loopback_ConnectsWithStartTls()
    {
        var options = Options(startTls: true) with { Connection = Options().Connection with { Host = "::1" } };
        await using var client = await NntpClient.ConnectAsync(options);
        Assert.True(client.IsSecure);
        Assert.Equal(NntpServerSettings.TestGroup, (await client.GroupAsync(NntpServerSettings.TestGroup)).Name);
    }

    [RequiresNntpServerFact(NeedsTlsPort = true)]
    public async Task ImplicitTls_Connects()
    {
        await using var client = await NntpClient.ConnectAsync(Options(tls: true));
        Assert.True(client.IsSecure);
        Assert.Equal(NntpServerSettings.TestGroup, (await client.GroupAsync(NntpServerSettings.TestGroup)).Name);
    }

    [RequiresNntpServerFact]
    public async Task CompressDeflate_PostAndReadBack()
    {
        await using var client = await NntpClient.ConnectAsync(Options(compress: true));
        Assert.True(client.IsCompressed);
        var id = NewMessageId();
        var body = string.Concat(Enumerable.Repeat("compressible line of text\r\n", 2000));
        await client.PostAsync(TextArticle(id, "compressed", body));
        var copy = new MemoryStream();
        await client.CopyBodyToAsync(id, copy);
        Assert.Equal(body, Encoding.UTF8.GetString(copy.ToArray()));
    }

    [RequiresNntpServerFact]
    public async Task Pipeline_StatManyMixed()
    {
        await using var client = await NntpClient.ConnectAsync(Options());
        var present = NewMessageId();
        await client.PostAsync(TextArticle(present, "pipelined", "x\r\n"));
        var results = await client.StatManyAsync([ArticleId.ByMessageId(present), ArticleId.ByMessageId(NewMessageId()), ArticleId.ByMessageId(present)]);
        Assert.Equal([223, 430, 223], results.Select(r => r.Reply.Code));
    }

    [RequiresNntpServerFact]
    public async Task ListAndDate()
    {
        await using var client = await NntpClient.ConnectAsync(Options());
        var groups = new List<NewsgroupInfo>();
        await foreach (var g in client.ListActiveAsync("inet.*"))
            groups.Add(g);
        Assert.Contains(groups, g => g.Name == NntpServerSettings.TestGroup);
        var date = await client.DateAsync();
        Assert.InRange(date, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
        var format = await client.ListOverviewFormatAsync();
        Assert.Contains("Xref", format.ExtraNames);
    }

    [RequiresNntpServerFact]
    public async Task HelpListVariantsXpatNewGroupsNewNews()
    {
        await using var client = await NntpClient.ConnectAsync(Options());
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var subject = "xpat " + Guid.NewGuid().ToString("N")[..8];
        var id = NewMessageId();
        await client.PostAsync(TextArticle(id, subject, "x\r\n"));

        Assert.NotEmpty(await client.HelpAsync());
        var descriptions = new List<GroupDescription>();
        await foreach (var d in client.ListNewsgroupsAsync("inet.*"))
            descriptions.Add(d);
        var times = new List<GroupCreation>();
        await foreach (var t in client.ListActiveTimesAsync("inet.*"))
            times.Add(t);
        Assert.Contains(times, t => t.Name == NntpServerSettings.TestGroup);
        Assert.NotEmpty(await client.ListHeadersAsync());

        var number = await TestArticles.NumberInAsync(client, id);
        await client.GroupAsync(NntpServerSettings.TestGroup);
        var matches = new List<HeaderValue>();
        await foreach (var m in client.XPatAsync("Subject", ArticleRange.From(number), ["*" + subject[5..] + "*"]))
            matches.Add(m);
        Assert.Equal(subject, Assert.Single(matches).Value);

        var newIds = new List<string>();
        await foreach (var n in client.NewNewsAsync(NntpServerSettings.TestGroup, since.AddMinutes(-1)))
            newIds.Add(n);
        Assert.Contains(id, newIds);
        var newGroups = new List<NewsgroupInfo>();
        await foreach (var g in client.NewGroupsAsync(DateTimeOffset.UtcNow.AddYears(-30)))
            newGroups.Add(g);
        Assert.Contains(newGroups, g => g.Name == NntpServerSettings.TestGroup);
    }

    [RequiresNntpServerFact]
    public async Task IHave_InTransitMode_Accepted_ThenDuplicateRefused()
    {
        var options = Options() with { AutoModeReader = false };
        await using var client = await NntpClient.ConnectAsync(options);
        Assert.True(client.Capabilities.Has("IHAVE"));
        var id = NewMessageId();
        var article = $"Path: peer\r\nFrom: ihave@example.test\r\nNewsgroups: {NntpServerSettings.TestGroup}\r\nSubject: ihave\r\nMessage-ID: {id}\r\nDate: {DateTimeOffset.UtcNow:r}\r\n\r\nbody\r\n";
        await client.IHaveAsync(id, new MemoryStream(Encoding.UTF8.GetBytes(article)));
        var duplicate = await Assert.ThrowsAsync<NntpPostingException>(() => client.IHaveAsync(id, new MemoryStream(Encoding.UTF8.GetBytes(article))));
        Assert.Equal(435, duplicate.Code);
    }
}
