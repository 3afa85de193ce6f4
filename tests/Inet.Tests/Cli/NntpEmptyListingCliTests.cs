using System.Text.Json;
using Inet.Core;
using Inet.Tests.Fakes;
using static Inet.Tests.Nntp.NntpTestHelpers;

namespace Inet.Tests.Cli;

/// <summary>
/// <c>inet nntp</c> through the whole command: a listing with no entries prints nothing (or the
/// listing's empty JSON shape) and exits 0; a single missing article still exits 3.
/// </summary>
public class NntpEmptyListingCliTests
{
    // A refusal ends the command without QUIT: the connection is just closed.
    private const string Quit = "\nC: QUIT\nS: 205 bye";
    private const string EmptyGroup = "C: GROUP empty.group\nS: 211 0 1 0 empty.group\n";

    private static async Task<(int Code, string Output, string Error)> RunAsync(string script, params string[] args)
    {
        await using var server = Server(script);
        server.Start();
        var result = await CliHarness.RunAsync(["nntp", $"nntp://127.0.0.1:{server.Port}", .. args]);
        await server.Completion;
        return result;
    }

    public static TheoryData<string, string[]> EmptyListings => new()
    {
        { EmptyGroup + "C: LIST OVERVIEW.FMT\nS: 503 no\nC: OVER 1-\nS: 423 No articles in 1-", ["-g", "empty.group", "over", "1-"] },
        { EmptyGroup + "C: HDR Subject 1-\nS: 423 No articles in 1-", ["-g", "empty.group", "hdr", "Subject", "1-"] },
        { "C: LISTGROUP empty.group\nS: 211 0 1 0 empty.group\nS: .", ["listgroup", "empty.group"] },
        { "C: NEWNEWS empty.group 20240101 000000 GMT\nS: 230 New news follows\nS: .", ["newnews", "empty.group", "2024-01-01"] },
        { "C: NEWGROUPS 20240101 000000 GMT\nS: 231 New newsgroups follow\nS: .", ["newgroups", "2024-01-01"] },
        { "C: LIST ACTIVE none.*\nS: 215 list follows\nS: .", ["list", "ACTIVE", "none.*"] },
        { "C: LIST NEWSGROUPS none.*\nS: 215 list follows\nS: .", ["list", "NEWSGROUPS", "none.*"] },
        { "C: LIST ACTIVE.TIMES none.*\nS: 215 list follows\nS: .", ["list", "ACTIVE.TIMES", "none.*"] },
    };

    [Theory]
    [MemberData(nameof(EmptyListings))]
    public async Task EmptyListing_PrintsNothing_Exits0(string script, string[] args)
    {
        var (code, output, error) = await RunAsync(script + Quit, args);

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Equal("", output);
        Assert.Equal("", error);
    }

    [Theory]
    [MemberData(nameof(EmptyListings))]
    public async Task EmptyListing_Json_PrintsEmptyShape_Exits0(string script, string[] args)
    {
        var (code, output, error) = await RunAsync(script + Quit, [.. args, "--json"]);

        Assert.True(code == ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        if (args[0] == "listgroup")
        {
            Assert.Equal("empty.group", json.RootElement.GetProperty("group").GetString());
            Assert.Equal(0, json.RootElement.GetProperty("articles").GetArrayLength());
        }
        else
        {
            Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
            Assert.Equal(0, json.RootElement.GetArrayLength());
        }
    }

    [Theory]
    [InlineData("stat", "423 No article with that number")]
    [InlineData("article", "423 No article with that number")]
    [InlineData("head", "423 No article with that number")]
    [InlineData("body", "423 No article with that number")]
    public async Task SingleMissingArticleByNumber_Exits3(string verb, string reply)
    {
        var (code, output, error) = await RunAsync(
            EmptyGroup + $"C: {verb.ToUpperInvariant()} 4\nS: {reply}", "-g", "empty.group", verb, "4");

        Assert.Equal(ExitCodes.ServerRefused, code);
        Assert.Equal("", output);
        Assert.Contains("(423)", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stat")]
    [InlineData("article")]
    [InlineData("head")]
    [InlineData("body")]
    public async Task SingleMissingArticleByMessageId_Exits3(string verb)
    {
        var (code, output, error) = await RunAsync(
            $"C: {verb.ToUpperInvariant()} <gone@x>\nS: 430 No such article", verb, "<gone@x>");

        Assert.Equal(ExitCodes.ServerRefused, code);
        Assert.Equal("", output);
        Assert.Contains("(430)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverAndHdr_MissingMessageId_Exit3()
    {
        var over = await RunAsync("C: LIST OVERVIEW.FMT\nS: 503 no\nC: OVER <gone@x>\nS: 430 No such article", "over", "<gone@x>");
        var hdr = await RunAsync("C: HDR Subject <gone@x>\nS: 430 No such article", "hdr", "Subject", "<gone@x>");

        Assert.Equal((ExitCodes.ServerRefused, ""), (over.Code, over.Output));
        Assert.Equal((ExitCodes.ServerRefused, ""), (hdr.Code, hdr.Output));
    }
}
