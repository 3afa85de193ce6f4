using Inet.Core;
using static Inet.Tests.Nntp.NntpTestHelpers;

namespace Inet.Tests.Cli;

/// <summary>These tests set INET_PASSWORD, which every CLI command reads: they run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PasswordEnvironmentCollection
{
    public const string Name = "INET_PASSWORD";
}

/// <summary>
/// Whatever the password's source (URL, --password-file, INET_PASSWORD) and whether the login
/// works or not, neither stdout (--json), stderr nor the --verbose transcript shows it.
/// </summary>
[Collection(PasswordEnvironmentCollection.Name)]
public sealed class NntpCliSecretTests : IDisposable
{
    private const string Secret = "S3cr3t-pa55word";
    private readonly string _passwordFile = Path.GetTempFileName();

    public NntpCliSecretTests() => File.WriteAllText(_passwordFile, Secret + "\n");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("INET_PASSWORD", null);
        File.Delete(_passwordFile);
    }

    private const string Login = $"""
        C: AUTHINFO USER alice
        S: 381 password please
        C: AUTHINFO PASS {Secret}
        """;

    private static readonly string Accepted = Login + "\nS: 281 welcome\nC: CAPABILITIES\n" + Caps + """

        C: DATE
        S: 111 20240102030405
        C: QUIT
        S: 205 bye
        """;

    private static readonly string Refused = Login + "\nS: 481 Authentication failed";

    public static TheoryData<string, bool> Cases => new()
    {
        { "url", true }, { "url", false },
        { "file", true }, { "file", false },
        { "env", true }, { "env", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Password_NeverPrinted_VerboseJsonAndErrors(string source, bool accepted)
    {
        await using var server = Server(accepted ? Accepted : Refused);
        server.Start();
        var user = source == "url" ? $"alice:{Secret}" : "alice";
        string[] args = ["nntp", $"nntp://{user}@127.0.0.1:{server.Port}", "date", "--json", "--verbose"];
        if (source == "file")
            args = [.. args, "--password-file", _passwordFile];
        Environment.SetEnvironmentVariable("INET_PASSWORD", source == "env" ? Secret : null);

        var (code, output, error) = await CliHarness.RunAsync(args);
        await server.Completion;

        Assert.Equal(accepted ? ExitCodes.Ok : ExitCodes.Network, code);
        Assert.Contains($"AUTHINFO PASS {Secret}", server.Received.ToString(), StringComparison.Ordinal);
        // The transcript is really there, with the password masked.
        Assert.Contains("C: AUTHINFO PASS " + ProtocolLog.Redacted, error, StringComparison.Ordinal);
        Assert.Contains(accepted ? "S: 281 welcome" : "S: 481 Authentication failed", error, StringComparison.Ordinal);
        if (accepted)
            Assert.Contains("\"date\"", output, StringComparison.Ordinal);
        else
            Assert.Contains("inet: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error, StringComparison.Ordinal);
    }
}
