using System.CommandLine;
using System.Globalization;
using Inet.Core;
using Inet.Imap;
using Inet.Mail;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Inet.Cli.Mail;

/// <summary>
/// <c>inet mail fetch imap[s]://user@host/MAILBOX -o MAILDIR [--since YYYY-MM-DD] [--unseen]</c> and
/// <c>inet mail fetch pop3[s]://user@host -o MAILDIR [--delete] [--since-uidl]</c>: new messages into a Maildir,
/// exactly as the server has them, incrementally (state kept in the Maildir), safe to kill and run again.
/// </summary>
internal static class MailFetchVerb
{
    public static Command Create()
    {
        var common = new ConnectionOptions();
        var url = new Argument<string>("url") { Description = "imap[s]://user@host[:port]/MAILBOX or pop3[s]://user@host[:port]" };
        var output = new Option<string>("--output", "-o") { Description = "the Maildir to write (created when missing)", Required = true };
        var since = new Option<string?>("--since") { Description = "IMAP: only messages the server received on or after YYYY-MM-DD (SEARCH SINCE)" };
        var unseen = new Option<bool>("--unseen") { Description = "IMAP: only messages not marked \\Seen" };
        var delete = new Option<bool>("--delete") { Description = "POP3: delete each message from the server once it is stored" };
        var sinceUidl = new Option<bool>("--since-uidl") { Description = "POP3: only messages listed after the last one this Maildir fetched (leave-on-server mode)" };
        var fsync = new Option<bool>("--fsync") { Description = "flush every message to disk before it counts as stored (survives power loss; slower)" };
        var json = new Option<bool>("--json") { Description = "print the result as JSON" };
        var startTls = new Option<StartTlsPolicy>("--starttls") { Description = "auto: upgrade when offered (default); always: fail without it; never: stay plain", DefaultValueFactory = _ => StartTlsPolicy.Auto };
        var command = new Command("fetch", "Fetch new messages into a Maildir: inet mail fetch URL -o MAILDIR");
        command.Arguments.Add(url);
        foreach (var o in new Option[] { output, since, unseen, delete, sinceUidl, fsync, json, startTls, common.PasswordFile, common.CaFile, common.Insecure, common.Verbose })
            command.Options.Add(o);
        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(async () =>
        {
            var target = parse.GetValue(url)!;
            var scheme = target.Split(':', 2)[0].ToLowerInvariant();
            var options = new MailFetchOptions
            {
                Since = ParseDay(parse.GetValue(since)),
                UnseenOnly = parse.GetValue(unseen),
                Delete = parse.GetValue(delete),
                AfterLastUidl = parse.GetValue(sinceUidl),
            };
            var isImap = scheme is "imap" or "imaps";
            if (!isImap && scheme is not ("pop3" or "pop3s"))
                throw new UsageException("the URL must be imap://, imaps://, pop3:// or pop3s://");
            if (isImap && (options.Delete || options.AfterLastUidl))
                throw new UsageException("--delete and --since-uidl are for pop3:// URLs");
            if (!isImap && (options.Since is not null || options.UnseenOnly))
                throw new UsageException("--since and --unseen are for imap:// URLs");
            // The URL, user and password are checked before the Maildir is created or locked.
            var policy = parse.GetValue(startTls);
            Microsoft.Extensions.Logging.ILoggerFactory? logging = null;
            var imapOptions = isImap ? Imap.ImapConnectionOptions.ClientOptions(parse, common, target, policy, out logging) : null;
            var pop3Options = isImap ? null : MailFetchPop3.ClientOptions(parse, common, target, policy, out logging);
            using var _ = logging;
            var maildir = Maildir.Open(parse.GetValue(output)!, new MaildirOptions { FlushToDisk = parse.GetValue(fsync) });
            maildir.CleanTmp(Maildir.StaleTmpAge);
            using var state = MailFetchState.Open(maildir);
            var console = parse.InvocationConfiguration;
            var show = TerminalProgress.CanShow(console.Output, parse.GetValue(json));
            MailFetchReport report;
            if (imapOptions is not null)
            {
                await using var client = await ImapClient.ConnectAsync(imapOptions, cancellationToken).ConfigureAwait(false);
                var source = $"imap://{imapOptions.UserName}@{imapOptions.Connection.Host}:{imapOptions.Connection.Port}/{imapOptions.Mailbox}";
                report = await WithProgress(show, progress => ImapMaildirFetch.RunAsync(client, imapOptions.Mailbox, source, state, maildir, options, progress, cancellationToken)).ConfigureAwait(false);
                await client.LogoutAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                report = await MailFetchPop3.RunAsync(pop3Options!, state, maildir, options, show, cancellationToken).ConfigureAwait(false);
            }
            await Write(console.Output, report, parse.GetValue(json), maildir.Path).ConfigureAwait(false);
            return ExitCodes.Ok;
        }, parse.InvocationConfiguration.Error));
        return command;
    }

    internal static async Task<MailFetchReport> WithProgress(bool show, Func<IProgress<(int Done, int Total)>?, Task<MailFetchReport>> run)
    {
        if (!show)
            return await run(null).ConfigureAwait(false);
        MailFetchReport report = null!;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("messages", maxValue: 1);
                report = await run(new SynchronousProgress<(int Done, int Total)>(p => { task.MaxValue = Math.Max(1, p.Total); task.Value = p.Done; })).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
        return report;
    }

    private static DateOnly? ParseDay(string? text)
    {
        if (text is null)
            return null;
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new UsageException("--since takes a date as YYYY-MM-DD");
    }

    private static Task Write(TextWriter output, MailFetchReport report, bool json, string maildir) => json
        ? JsonOutput.WriteAsync(output, w =>
        {
            w.WriteStartObject();
            w.WriteString("maildir", maildir);
            w.WriteNumber("fetched", report.Fetched);
            w.WriteNumber("alreadyFetched", report.AlreadyFetched);
            w.WriteNumber("bytes", report.Bytes);
            w.WriteNumber("deleted", report.Deleted);
            w.WriteEndObject();
        })
        : output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{report.Fetched} new messages ({report.Bytes} bytes) into {maildir}; {report.AlreadyFetched} fetched before{(report.Deleted > 0 ? $"; {report.Deleted} deleted from the server" : "")}"));
}
