using Inet.Core;

namespace Inet.Tests.Cli;

/// <summary><c>inet mail fetch</c> refuses bad input with exit 2 before connecting or touching the Maildir.</summary>
public sealed class MailFetchCliTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "inet-fetch-usage-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData("ftp://u:p@127.0.0.1:1/", "--unseen")]
    [InlineData("imap://u:p@127.0.0.1:1/INBOX", "--delete")]
    [InlineData("imap://u:p@127.0.0.1:1/INBOX", "--since-uidl")]
    [InlineData("pop3://u:p@127.0.0.1:1", "--unseen")]
    [InlineData("pop3://u:p@127.0.0.1:1", "--since=2024-01-01")]
    [InlineData("imap://u:p@127.0.0.1:1/INBOX", "--since=1 Jan 2024")]
    [InlineData("imap://u:p@127.0.0.1:1/IN%0D%0ABOX", "--unseen")]
    public async Task BadCombination_Exits2_AndCreatesNothing(string url, string option)
    {
        var (code, _, error) = await CliHarness.RunAsync("mail", "fetch", url, "-o", _dir, option);

        Assert.True(code == ExitCodes.Usage, error);
        Assert.False(Directory.Exists(_dir));
    }
}
