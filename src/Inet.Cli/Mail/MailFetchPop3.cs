using System.CommandLine;
using Inet.Core;
using Inet.Mail;
using Inet.Pop3;
using Microsoft.Extensions.Logging;

namespace Inet.Cli.Mail;

/// <summary>The POP3 half of <c>inet mail fetch</c>: connect, log in, fetch by UIDL, QUIT.</summary>
internal static class MailFetchPop3
{
    /// <summary>Client options for a pop3[s]:// URL; a bad URL, user or password is refused here, before anything is opened.</summary>
    public static Pop3ClientOptions ClientOptions(ParseResult parse, ConnectionOptions common, string url, StartTlsPolicy policy, out ILoggerFactory? logging)
    {
        var address = ConnectionOptions.ParseAddress(url, Pop3Client.Schemes);
        var (user, password) = common.Credentials(parse, address);
        if (user is null || password is null)
            throw new UsageException($"a user and password are needed: pop3://USER@host with the password in the URL, --password-file, {ConnectionOptions.PasswordVariable} or ~/.netrc");
        CommandGuard.Check(user, "user");
        CommandGuard.Check(password, "password");
        var clientOptions = Pop3ClientOptions.FromAddress(address with { User = user }, password);
        logging = common.Logging(parse);
        return clientOptions with
        {
            Connection = common.WithTrust(parse, clientOptions.Connection),
            StartTls = policy,
            AllowCredentialsWithoutTls = policy == StartTlsPolicy.Never,
            Logger = logging?.CreateLogger("pop3"),
        };
    }

    public static async Task<MailFetchReport> RunAsync(Pop3ClientOptions clientOptions, MailFetchState state, Maildir maildir, MailFetchOptions options,
        bool show, CancellationToken cancellationToken)
    {
        await using var client = await Pop3Client.ConnectAsync(clientOptions, cancellationToken).ConfigureAwait(false);
        var source = $"pop3://{clientOptions.UserName}@{clientOptions.Connection.Host}:{clientOptions.Connection.Port}";
        var report = await MailFetchVerb.WithProgress(show, progress => Pop3MaildirFetch.RunAsync(client, source, state, maildir, options, progress, cancellationToken)).ConfigureAwait(false);
        if (client.IsConnected)
            await client.QuitAsync(cancellationToken).ConfigureAwait(false);
        return report;
    }
}
