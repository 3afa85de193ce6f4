using System.CommandLine;
using Inet.Codecs;
using Inet.Core;

namespace Inet.Cli.Codecs;

/// <summary><c>inet uu encode FILE [-o OUT]</c>: uuencode one file to OUT or standard output.</summary>
internal static class UuEncodeCommand
{
    public static Command Create()
    {
        var file = CodecOptions.FileToEncode();
        var output = new Option<FileInfo>("--output", "-o") { Description = "Write here instead of standard output." };
        var name = new Option<string>("--name") { Description = "Name for the begin line (default: the file's name)." };
        var crlf = new Option<bool>("--crlf") { Description = "End lines with CR LF (for posting) instead of LF." };
        var command = new Command("encode", "uuencode a file.") { file, output, name, crlf };
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(file), result.GetValue(output), result.GetValue(name), result.GetValue(crlf),
            result.InvocationConfiguration, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        FileInfo? input, FileInfo? output, string? name, bool crlf, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        if (!CodecUsage.InputExists(console, "uu encode", input))
            return ExitCodes.Usage;
        var newLine = crlf ? "\r\n" : "\n";
        var source = input.OpenRead();
        await using (source.ConfigureAwait(false))
        {
            if (output is null)
            {
                var target = new TextWriterStream(console.Output);
                await using (target.ConfigureAwait(false))
                    await UuEncoder.EncodeAsync(source, target, name ?? input.Name, UuEncoder.DefaultMode, newLine, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var target = output.Create();
                await using (target.ConfigureAwait(false))
                    await UuEncoder.EncodeAsync(source, target, name ?? input.Name, UuEncoder.DefaultMode, newLine, cancellationToken).ConfigureAwait(false);
            }
        }
        return ExitCodes.Ok;
    }
}
