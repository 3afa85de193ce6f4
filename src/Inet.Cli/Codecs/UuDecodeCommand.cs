using System.CommandLine;
using Inet.Codecs;
using Inet.Core;

namespace Inet.Cli.Codecs;

/// <summary><c>inet uu decode FILE... -o DIR [--json]</c>: every uuencoded file found in the inputs goes to DIR.</summary>
internal static class UuDecodeCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("FILE") { Description = "Articles or files holding uuencoded data.", Arity = ArgumentArity.ZeroOrMore };
        var output = CodecOptions.DecodedFilesFolder();
        var json = new Option<bool>("--json") { Description = "Print one JSON array: name, size, crc32, status per file." };
        var command = new Command("decode", "Decode every uuencoded file in the inputs; names are made safe.") { files, output, json };
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(files) ?? [],
            CodecOptions.FolderOrCurrent(result, output),
            result.GetValue(json),
            result.InvocationConfiguration,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        FileInfo[] inputs, string outputDirectory, bool json, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        if (!CodecUsage.InputsExist(console, "uu decode", inputs))
            return ExitCodes.Usage;
        Directory.CreateDirectory(outputDirectory);

        var report = new List<UuDecodeReport.Entry>();
        foreach (var input in inputs)
        {
            var stream = input.OpenRead();
            await using (stream.ConfigureAwait(false))
            {
                var results = await UuDecoder.DecodeToDirectoryAsync(stream, outputDirectory, cancellationToken).ConfigureAwait(false);
                report.Add(new UuDecodeReport.Entry(input.Name, results));
            }
        }

        if (json)
            UuDecodeReport.WriteJson(console.Output, report);
        else
            UuDecodeReport.WriteText(console.Output, console.Error, report);
        return UuDecodeReport.ExitCode(report);
    }
}
