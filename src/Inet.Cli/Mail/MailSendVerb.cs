using System.CommandLine;
using Inet.Core;
using Inet.Smtp;
using Microsoft.Extensions.Logging;

namespace Inet.Cli.Mail;

/// <summary>
/// <c>inet mail send URL --from A --to B [--to C ...] (FILE.eml ... | --subject S --body TEXT [--attach FILE ...])</c>:
/// every check first (addresses, files, header text), then the messages over <c>--connections N</c>, pipelined.
/// </summary>
internal static class MailSendVerb
{
    public static Command Create()
    {
        var common = new ConnectionOptions();
        var url = new Argument<string>("url") { Description = "smtp://[user[:password]@]host[:port], smtps:// (implicit TLS) or lmtp://host:port" };
        var files = new Argument<string[]>("files") { Description = "messages to send as they are (RFC 5322 files); each is one message", Arity = ArgumentArity.ZeroOrMore };
        var from = new Option<string>("--from") { Description = "the envelope sender (MAIL FROM); \"\" for the null sender", Required = true };
        var to = new Option<string[]>("--to") { Description = "a recipient (RCPT TO); repeat for more", Required = true, AllowMultipleArgumentsPerToken = false };
        var subject = new Option<string?>("--subject") { Description = "compose a message with this subject (instead of FILEs)" };
        var body = new Option<string?>("--body") { Description = "the text of the composed message" };
        var attach = new Option<string[]>("--attach") { Description = "attach FILE to the composed message; repeat for more" };
        var json = new Option<bool>("--json") { Description = "print one entry per recipient of every message, with the server's reply" };
        var connections = new Option<int>("--connections") { Description = "connections to send over at once", DefaultValueFactory = _ => 1 };
        var startTls = new Option<StartTlsPolicy>("--starttls") { Description = "auto: upgrade when offered (default); always: fail without it; never: stay plain", DefaultValueFactory = _ => StartTlsPolicy.Auto };
        var command = new Command("send", "Send messages: inet mail send URL --from A --to B [--to C ...] (FILE.eml ... | --subject S --body TEXT [--attach FILE ...])");
        command.Arguments.Add(url);
        command.Arguments.Add(files);
        foreach (var o in new Option[] { from, to, subject, body, attach, json, connections, startTls, common.PasswordFile, common.CaFile, common.Insecure, common.Verbose })
            command.Options.Add(o);
        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(async () =>
        {
            var request = new MailSendRequest(
                parse.GetValue(url)!, parse.GetValue(files) ?? [], parse.GetValue(from)!, parse.GetValue(to) ?? [],
                parse.GetValue(subject), parse.GetValue(body), parse.GetValue(attach) ?? [], parse.GetValue(connections), parse.GetValue(startTls));
            var outgoing = MailComposer.Prepare(request);
            var options = Build(parse, common, request, out var logging);
            using var _ = logging;
            var console = parse.InvocationConfiguration;
            var report = await MailSendConsole.RunAsync(options, outgoing, request.Connections, parse.GetValue(json), console.Output, cancellationToken).ConfigureAwait(false);
            return report.ExitCode;
        }, parse.InvocationConfiguration.Error));
        return command;
    }

    private static SmtpClientOptions Build(ParseResult parse, ConnectionOptions common, MailSendRequest request, out ILoggerFactory? logging)
    {
        var address = ConnectionOptions.ParseAddress(request.Url, SmtpClient.Schemes);
        // No user in the URL means no AUTH (a relay that knows us by address); a password alone is a mistake.
        if (address.User is null && parse.GetValue(common.PasswordFile) is not null)
            throw new UsageException("--password-file needs a user: smtp://USER@host");
        var (user, password) = address.User is null ? (null, null) : common.Credentials(parse, address);
        if (user is not null && password is null)
            throw new UsageException($"no password for {user}: give it in the URL, --password-file, {ConnectionOptions.PasswordVariable} or ~/.netrc");
        var options = SmtpClientOptions.FromAddress(address with { User = user }, password);
        logging = common.Logging(parse);
        return options with
        {
            Connection = common.WithTrust(parse, options.Connection),
            StartTls = request.StartTls,
            AllowCredentialsWithoutTls = request.StartTls == StartTlsPolicy.Never,
            Logger = logging?.CreateLogger("smtp"),
        };
    }
}

/// <summary>The command line of one <c>inet mail send</c>, as given.</summary>
internal sealed record MailSendRequest(string Url, string[] Files, string From, string[] To, string? Subject, string? Body,
    string[] Attachments, int Connections, StartTlsPolicy StartTls);
