using System.CommandLine;
using System.Text;
using Inet.Cli.Nntp;
using Inet.Core;
using Inet.IntegrationTests.Infrastructure;
using Inet.Nntp;

namespace Inet.IntegrationTests.Cli;

/// <summary><c>inet nntp</c> against the real INN: exit codes and byte-exact output files.</summary>
[Collection(NntpServerCollection.Name)]
public sealed class NntpCliInnTests(NntpServerFixture server)
{
    private string Url(string? userInfo = null) => $"nntp://{userInfo}{server.Settings.Host}:{server.Settings.Port}";

    private static Task<int> Inet(params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(NntpCommand.Create());
        return root.Parse(["nntp", .. args]).InvokeAsync();
    }

    [RequiresNntpServerFact]
    public async Task Body_WithStartTls_ToFile_IsByteExact()
    {
        var id = $"<{Guid.NewGuid():N}@inet.test>";
        var body = ".dot first\r\nplain\r\n";
        await using (var client = await NntpClient.ConnectAsync(new NntpClientOptions { Connection = new ConnectionSettings { Host = server.Settings.Host, Port = server.Settings.Port } }))
            await client.PostAsync(new MemoryStream(Encoding.ASCII.GetBytes($"From: cli@example.test\r\nNewsgroups: {NntpServerSettings.TestGroup}\r\nSubject: cli\r\nMessage-ID: {id}\r\n\r\n{body}")));
        var path = Path.Combine(Path.GetTempPath(), "inet-cli-" + Guid.NewGuid().ToString("N"));
        try
        {
            Assert.Equal(ExitCodes.Ok, await Inet(Url(), "--starttls", "--ca-file", server.Settings.CaFile!, "body", id, "-o", path));
            Assert.Equal(body, await File.ReadAllTextAsync(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [RequiresNntpServerFact]
    public async Task MissingArticle_Exits3_UnknownGroup_Exits3()
    {
        Assert.Equal(ExitCodes.ServerRefused, await Inet(Url(), "stat", $"<{Guid.NewGuid():N}@nowhere>"));
        Assert.Equal(ExitCodes.ServerRefused, await Inet(Url(), "group", "inet.no.such.group"));
    }

    [RequiresNntpServerFact]
    public async Task WrongPassword_Exits4_RightPasswordReadsRestrictedGroup()
    {
        Assert.Equal(ExitCodes.Network, await Inet(Url($"{server.Settings.User}:wrong-password@"), "group", NntpServerSettings.RestrictedGroup));
        var passwordFile = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(passwordFile, server.Settings.Password + "\n");
            Assert.Equal(ExitCodes.Ok, await Inet(Url($"{server.Settings.User}@"), "--password-file", passwordFile, "group", NntpServerSettings.RestrictedGroup));
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    [RequiresNntpServerFact]
    public async Task OverAndHdrAndList_Exit0()
    {
        Assert.Equal(ExitCodes.Ok, await Inet(Url() + "/" + NntpServerSettings.TestGroup, "over", "1-", "--json"));
        Assert.Equal(ExitCodes.Ok, await Inet(Url(), "-g", NntpServerSettings.TestGroup, "hdr", "Subject", "1-"));
        Assert.Equal(ExitCodes.Ok, await Inet(Url(), "list", "ACTIVE", "inet.*"));
        Assert.Equal(ExitCodes.Ok, await Inet(Url(), "--compress", "date"));
    }
}
