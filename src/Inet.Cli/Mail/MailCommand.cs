using System.CommandLine;

namespace Inet.Cli.Mail;

/// <summary><c>inet mail</c>: send (SMTP, ESMTP, LMTP).</summary>
internal static class MailCommand
{
    public static Command Create()
    {
        var command = new Command("mail", "Mail: send over SMTP, SMTPS or LMTP (URLs: smtp[s]://[user[:password]@]host[:port], lmtp://host:port)");
        command.Subcommands.Add(MailSendVerb.Create());
        command.Subcommands.Add(MailFetchVerb.Create());
        return command;
    }
}
