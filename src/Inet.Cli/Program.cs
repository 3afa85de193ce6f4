using Inet.Cli;
using Inet.Cli.Native;
using Inet.Core;

NativeBuildSelector.ExecBestBuild(args);
SocketTuning.Apply();
var root = InetRootCommand.Create();
var parse = root.Parse(args);
if (parse.Errors.Count > 0 && !args.Any(a => a is "-h" or "--help" or "-?"))
{
    foreach (var error in parse.Errors)
        Console.Error.WriteLine("inet: " + error.Message);
    Console.Error.WriteLine("Try 'inet --help'.");
    return ExitCodes.Usage;
}
return await parse.InvokeAsync().ConfigureAwait(false);
