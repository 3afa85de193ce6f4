using System.CommandLine;
using Inet.Cli.Codecs;

namespace Inet.Cli;

/// <summary>Every top-level verb of the <c>inet</c> command, in help order.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return Nntp.NntpCommand.Create();
        yield return Ftp.FtpCommand.Create();
        yield return Mail.MailCommand.Create();
        yield return Imap.ImapCommand.Create();
        yield return News.NewsCommand.Create();
        yield return Nzb.NzbCommand.Create();
        yield return YencCommand.Create();
        yield return UuCommand.Create();
        yield return ServeCommand.Create();
        yield return Demo.DemoCommand.Create();
    }
}
