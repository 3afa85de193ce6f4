using System.CommandLine;
using Inet.Core;
using Inet.Mail;

namespace Inet.Cli.Mail;

/// <summary>The POP3 half of <c>inet mail fetch</c> (filled in with the POP3 client).</summary>
internal static class MailFetchPop3
{
    public static Task<MailFetchReport> RunAsync(ParseResult parse, ConnectionOptions common, string url, StartTlsPolicy policy, MailFetchState state,
        Maildir maildir, MailFetchOptions options, bool show, CancellationToken cancellationToken) =>
        throw new UsageException("pop3:// fetching is not built yet");
}
