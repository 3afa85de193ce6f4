using System.CommandLine;
using Inet.Cli;

var root = new RootCommand("inet: clients for NNTP, FTP, SMTP, POP3 and IMAP, with yEnc/uu codecs and a news robot.");
foreach (var command in CommandCatalog.All())
    root.Subcommands.Add(command);
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
