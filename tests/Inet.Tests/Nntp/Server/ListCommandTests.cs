using Inet.Nntp.Server;

namespace Inet.Tests.Nntp.EmbeddedServer;

public sealed class ListCommandTests
{
    [Fact]
    public async Task List_DefaultIsActive_WithHighLowStatus()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        var (status, lines) = await client.MultiAsync("LIST");
        Assert.StartsWith("215 ", status);
        Assert.Equal(["alt.binaries.test 1 1 y", "alt.empty 0 1 y", "misc.test 3 1 y"], lines);
        (_, var active) = await client.MultiAsync("LIST ACTIVE");
        Assert.Equal(lines, active);
    }

    [Fact]
    public async Task ListActive_Wildmat_FiltersWithNegation()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        var (_, lines) = await client.MultiAsync("LIST ACTIVE alt.*,!alt.empty");
        Assert.Equal(["alt.binaries.test 1 1 y"], lines);
    }

    [Fact]
    public async Task ListNewsgroups_TabSeparatedDescriptions()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        var (status, lines) = await client.MultiAsync("LIST NEWSGROUPS misc.*");
        Assert.StartsWith("215 ", status);
        Assert.Equal(["misc.test\tMiscellaneous tests"], lines);
    }

    [Fact]
    public async Task ListOverviewFmt_DefaultOrderPlusXref()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        var (status, lines) = await client.MultiAsync("LIST OVERVIEW.FMT");
        Assert.StartsWith("215 ", status);
        Assert.Equal(["Subject:", "From:", "Date:", "Message-ID:", "References:", ":bytes", ":lines", "Xref:full"], lines);
    }

    [Fact]
    public async Task ListHeadersAndActiveTimes()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        var (status, lines) = await client.MultiAsync("LIST HEADERS");
        Assert.StartsWith("215 ", status);
        Assert.Equal([":", ":bytes", ":lines"], lines);
        (status, _) = await client.MultiAsync("LIST HEADERS MSGID");
        Assert.StartsWith("215 ", status);
        (status, lines) = await client.MultiAsync("LIST ACTIVE.TIMES misc.test");
        Assert.StartsWith("215 ", status);
        string[] fields = Assert.Single(lines).Split(' ');
        Assert.Equal("misc.test", fields[0]);
        Assert.InRange(long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 120, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
    }

    [Theory]
    [InlineData("LIST DISTRIB.PATS")]
    [InlineData("LIST OVERVIEW.FMT x")]
    [InlineData("LIST HEADERS BOGUS")]
    [InlineData("LIST ACTIVE a b")]
    public async Task List_UnknownKeywordOrBadArgument_Replies501(string command)
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("501 ", await client.CommandAsync(command));
    }

    [Fact]
    public async Task NewGroups_OnlyGroupsCreatedSince()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        var (status, lines) = await client.MultiAsync("NEWGROUPS 19990101 000000 GMT");
        Assert.StartsWith("231 ", status);
        Assert.Equal(3, lines.Count);
        string tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        (status, lines) = await client.MultiAsync($"NEWGROUPS {tomorrow} 000000");
        Assert.StartsWith("231 ", status);
        Assert.Empty(lines);
        Assert.StartsWith("501 ", await client.CommandAsync("NEWGROUPS 2024 000000"));
        Assert.StartsWith("501 ", await client.CommandAsync("NEWGROUPS 20241301 000000"));
        Assert.StartsWith("501 ", await client.CommandAsync("NEWGROUPS 20240101 000000 EST"));
    }

    [Fact]
    public async Task NewNews_ListsMessageIdsMatchingWildmat()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        var (status, lines) = await client.MultiAsync("NEWNEWS misc.* 990101 000000");
        Assert.StartsWith("230 ", status);
        Assert.Equal(["<a1@test>", "<a2@test>", "<a3@test>"], lines);
        (_, lines) = await client.MultiAsync("NEWNEWS * 19990101 000000 GMT");
        Assert.Equal(4, lines.Count);
        Assert.StartsWith("501 ", await client.CommandAsync("NEWNEWS misc.*"));
    }

    [Fact]
    public async Task List_ShowsGroupWithoutPostingAsN()
    {
        await using var server = await TestServers.StartAsync();
        await server.Store.CreateGroupAsync("local.readonly", "Read only", postingAllowed: false);
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        var (_, lines) = await client.MultiAsync("LIST ACTIVE local.*");
        Assert.Equal(["local.readonly 0 1 n"], lines);
    }
}
