using System.CommandLine;
using Inet.Cli;

namespace Inet.Tests.Cli;

/// <summary>Runs the real <c>inet</c> command tree in-process and captures what it prints.</summary>
internal static class CliHarness
{
    /// <summary>Parses and invokes <paramref name="args"/> as the CLI would; returns the exit code, stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var root = InetRootCommand.Create();
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
