using System.CommandLine;
using Inet.Cli;
using Inet.Core;

var root = new RootCommand("inet: clients for NNTP, FTP, SMTP, POP3 and IMAP, with yEnc/uu codecs and a news robot.");
foreach (var command in CommandCatalog.All())
    root.Subcommands.Add(command);
var parse = root.Parse(args);
if (parse.Errors.Count > 0 && !args.Any(a => a is "-h" or "--help" or "-?"))
{
    foreach (var error in parse.Errors)
        Console.Error.WriteLine("inet: " + error.Message);
    Console.Error.WriteLine("Try 'inet --help'.");
    return ExitCodes.Usage;
}
return await parse.InvokeAsync().ConfigureAwait(false);
