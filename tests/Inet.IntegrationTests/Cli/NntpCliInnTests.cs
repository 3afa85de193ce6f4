using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Inet.Cli.Nntp;
using Inet.Core;
using Inet.IntegrationTests.Infrastructure;
using Inet.Nntp;

namespace Inet.IntegrationTests.Cli;

/// <summary>
/// <c>inet nntp</c> against the real INN: exit codes and what it prints. Every test posts the
/// articles it reads; <c>inet.test.empty</c> is never posted to.
/// </summary>
[Collection(NntpServerCollection.Name)]
public sealed class NntpCliInnTests(NntpServerFixture server)
{
    private const string Group = NntpServerSettings.TestGroup;
    private const string Empty = NntpServerSettings.EmptyGroup;

    private string Url(string? userInfo = null) => $"nntp://{userInfo}{server.Settings.Host}:{server.Settings.Port}";

    private static async Task<(int Code, string Output, string Error)> Inet(params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(NntpCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await root.Parse(["nntp", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), error.ToString());
    }

    private static void AssertOk((int Code, string Output, string Error) result) =>
        Assert.True(result.Code == ExitCodes.Ok, $"exit {result.Code}: {result.Error}");

    private async Task<(string Id, string Subject, long Number)> PostAsync(string body = "cli test body\r\n")
    {
        var id = TestArticles.NewMessageId();
        var subject = TestArticles.NewSubject("inet cli");
        await using var client = await NntpClient.ConnectAsync(new NntpClientOptions { Connection = new ConnectionSettings { Host = server.Settings.Host, Port = server.Settings.Port } });
        await client.PostAsync(TestArticles.Text(id, subject, body));
        return (id, subject, await TestArticles.NumberInAsync(client, id));
    }

    [RequiresNntpServerFact]
    public async Task Body_WithStartTls_ToFile_IsByteExact_HeadToStdout()
    {
        var body = ".dot first\r\nplain\r\n";
        var (id, subject, _) = await PostAsync(body);
        var path = Path.Combine(Path.GetTempPath(), "inet-cli-" + Guid.NewGuid().ToString("N"));
        try
        {
            AssertOk(await Inet(Url(), "--starttls", "--ca-file", server.Settings.CaFile!, "body", id, "-o", path));
            Assert.Equal(body, await File.ReadAllTextAsync(path));
        }
        finally
        {
            File.Delete(path);
        }

        var head = await Inet(Url(), "head", id);
        AssertOk(head);
        Assert.Contains($"Subject: {subject}\n", head.Output, StringComparison.Ordinal);
        Assert.Contains($"Message-ID: {id}\n", head.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("cli test body", head.Output, StringComparison.Ordinal);
    }

    [RequiresNntpServerFact]
    public async Task PostedArticle_ReadBackByNumberAndId_OverHdrStatListgroupListNewnews()
    {
        var since = DateTimeOffset.UtcNow.AddMinutes(-2).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var (id, subject, number) = await PostAsync();
        var n = number.ToString(CultureInfo.InvariantCulture);

        var over = await Inet(Url() + "/" + Group, "over", $"{n}-{n}", "--json");
        AssertOk(over);
        using (var json = JsonDocument.Parse(over.Output))
        {
            var record = Assert.Single(json.RootElement.EnumerateArray());
            Assert.Equal(number, record.GetProperty("number").GetInt64());
            Assert.Equal(subject, record.GetProperty("subject").GetString());
            Assert.Equal(id, record.GetProperty("messageId").GetString());
            Assert.Equal("Inet Tests <tests@example.test>", record.GetProperty("from").GetString());
            Assert.True(record.GetProperty("bytes").GetInt64() > 0);
        }

        var overText = await Inet(Url(), "-g", Group, "over", n);
        AssertOk(overText);
        Assert.StartsWith($"{n}\t{subject}\tInet Tests <tests@example.test>\t", overText.Output, StringComparison.Ordinal);
        Assert.Contains($"\t{id}\t", overText.Output, StringComparison.Ordinal);

        var hdr = await Inet(Url(), "-g", Group, "hdr", "Subject", n);
        AssertOk(hdr);
        Assert.Equal($"{n}\t{subject}\n", hdr.Output);
        var hdrById = await Inet(Url(), "hdr", "Subject", id);
        AssertOk(hdrById);
        Assert.Equal($"0\t{subject}\n", hdrById.Output);

        var stat = await Inet(Url(), "-g", Group, "stat", n);
        AssertOk(stat);
        Assert.Equal($"{n} {id}\n", stat.Output);

        var listgroup = await Inet(Url(), "listgroup", Group, $"{n}-{n}", "--json");
        AssertOk(listgroup);
        using (var json = JsonDocument.Parse(listgroup.Output))
        {
            Assert.Equal(Group, json.RootElement.GetProperty("group").GetString());
            Assert.Equal([number], json.RootElement.GetProperty("articles").EnumerateArray().Select(e => e.GetInt64()));
        }

        var list = await Inet(Url(), "list", "ACTIVE", Group);
        AssertOk(list);
        var fields = Assert.Single(list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Split(' ');
        Assert.Equal(Group, fields[0]);
        Assert.True(long.Parse(fields[1], CultureInfo.InvariantCulture) >= number, list.Output);
        Assert.Equal("y", fields[3]);

        var newnews = await Inet(Url(), "newnews", Group, since);
        AssertOk(newnews);
        Assert.Contains(id, newnews.Output.Split('\n'));
    }

    [RequiresNntpServerFact]
    public async Task MissingArticle_Exits3_UnknownGroup_Exits3_WithTheServersReason()
    {
        var missing = await Inet(Url(), "stat", TestArticles.NewMessageId());
        Assert.Equal((ExitCodes.ServerRefused, ""), (missing.Code, missing.Output));
        Assert.Contains("(430)", missing.Error, StringComparison.Ordinal);

        var group = await Inet(Url(), "group", "inet.no.such.group");
        Assert.Equal((ExitCodes.ServerRefused, ""), (group.Code, group.Output));
        Assert.Contains("(411)", group.Error, StringComparison.Ordinal);
    }

    [RequiresNntpServerTheory]
    [InlineData("stat")]
    [InlineData("article")]
    [InlineData("head")]
    [InlineData("body")]
    public async Task MissingNumberInEmptyGroup_Exits3(string verb)
    {
        var result = await Inet(Url(), "-g", Empty, verb, "1");

        Assert.Equal((ExitCodes.ServerRefused, ""), (result.Code, result.Output));
        Assert.Contains("(423)", result.Error, StringComparison.Ordinal);
    }

    [RequiresNntpServerFact]
    public async Task WrongPassword_Exits4_RightPasswordReadsRestrictedGroup()
    {
        var wrong = await Inet(Url($"{server.Settings.User}:wrong-password@"), "group", NntpServerSettings.RestrictedGroup);
        Assert.Equal((ExitCodes.Network, ""), (wrong.Code, wrong.Output));
        Assert.Contains("481", wrong.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password", wrong.Error, StringComparison.Ordinal);

        var passwordFile = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(passwordFile, server.Settings.Password + "\n");
            var right = await Inet(Url($"{server.Settings.User}@"), "--password-file", passwordFile, "--verbose", "group", NntpServerSettings.RestrictedGroup, "--json");
            AssertOk(right);
            using var json = JsonDocument.Parse(right.Output);
            Assert.Equal(NntpServerSettings.RestrictedGroup, json.RootElement.GetProperty("name").GetString());
            Assert.Contains("S: 281 ", right.Error, StringComparison.Ordinal);
            Assert.Contains("C: AUTHINFO PASS " + ProtocolLog.Redacted, right.Error, StringComparison.Ordinal);
            Assert.DoesNotContain(server.Settings.Password!, right.Error + right.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    [RequiresNntpServerFact]
    public async Task Compress_IsNegotiated_OrTheCliSaysItIsNot()
    {
        bool offered;
        await using (var client = await NntpClient.ConnectAsync(new NntpClientOptions { Connection = new ConnectionSettings { Host = server.Settings.Host, Port = server.Settings.Port } }))
            offered = client.Capabilities.HasCompressDeflate;

        var (code, output, error) = await Inet(Url(), "--compress", "--verbose", "date", "--json");

        Assert.True(code == ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        var date = json.RootElement.GetProperty("date").GetDateTimeOffset();
        Assert.InRange(date, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
        if (offered)
        {
            Assert.Contains("C: COMPRESS DEFLATE", error, StringComparison.Ordinal);
            Assert.Contains("S: 206 ", error, StringComparison.Ordinal);
            // DATE and its answer travel after the switch, through the deflate streams.
            Assert.True(error.IndexOf("C: DATE", StringComparison.Ordinal) > error.IndexOf("S: 206 ", StringComparison.Ordinal), error);
            Assert.Contains("S: 111 ", error, StringComparison.Ordinal);
            Assert.DoesNotContain("does not offer COMPRESS", error, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("inet: the server does not offer COMPRESS DEFLATE", error, StringComparison.Ordinal);
            Assert.DoesNotContain("C: COMPRESS DEFLATE", error, StringComparison.Ordinal);
        }
    }

    [RequiresNntpServerFact]
    public async Task EmptyGroup_HasNoArticles()
    {
        var (code, output, error) = await Inet(Url(), "group", Empty, "--json");

        Assert.True(code == ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(0, json.RootElement.GetProperty("count").GetInt64());
    }

    /// <summary>Listings with no entries; "{tomorrow}" is replaced by a time after which no group was created.</summary>
    public static TheoryData<string[]> EmptyListings => new()
    {
        new[] { "-g", Empty, "over", "1-" },
        new[] { "-g", Empty, "hdr", "Subject", "1-" },
        new[] { "listgroup", Empty },
        new[] { "listgroup", Empty, "1-" },
        new[] { "newnews", Empty, "2000-01-01" },
        new[] { "newgroups", "{tomorrow}" },
        new[] { "list", "ACTIVE", Empty + ".*" },
        new[] { "list", "ACTIVE.TIMES", Empty + ".*" },
        new[] { "list", "NEWSGROUPS", Empty + ".*" },
    };

    [RequiresNntpServerTheory]
    [MemberData(nameof(EmptyListings))]
    public async Task EmptyListing_PrintsNothing_Exits0(string[] args)
    {
        var (code, output, error) = await Inet([Url(), .. Expand(args)]);

        Assert.True(code == ExitCodes.Ok, $"exit {code}: {error}");
        Assert.Equal("", output);
        Assert.Equal("", error);
    }

    [RequiresNntpServerTheory]
    [MemberData(nameof(EmptyListings))]
    public async Task EmptyListing_Json_PrintsEmptyShape_Exits0(string[] args)
    {
        var (code, output, error) = await Inet([Url(), .. Expand(args), "--json"]);

        Assert.True(code == ExitCodes.Ok, $"exit {code}: {error}");
        using var json = JsonDocument.Parse(output);
        if (args[0] == "listgroup")
        {
            Assert.Equal(Empty, json.RootElement.GetProperty("group").GetString());
            Assert.Equal(0, json.RootElement.GetProperty("articles").GetArrayLength());
        }
        else
        {
            Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
            Assert.Equal(0, json.RootElement.GetArrayLength());
        }
    }

    private static string[] Expand(string[] args) =>
        [.. args.Select(a => a == "{tomorrow}" ? DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : a)];
}
