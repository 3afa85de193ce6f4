using System.CommandLine;
using Inet.Codecs.Yenc;
using Inet.Core;

namespace Inet.Cli.Codecs;

/// <summary><c>inet yenc decode FILE... -o DIR [--json]</c>: one yEnc part per input; multipart files are assembled by name.</summary>
internal static class YencDecodeCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("FILE") { Description = "Saved articles or files holding one yEnc part each.", Arity = ArgumentArity.ZeroOrMore };
        var output = CodecOptions.DecodedFilesFolder();
        var json = new Option<bool>("--json") { Description = "Print one JSON array: name, size, crc32, parts found/missing, status per file." };
        var raw = new Option<bool>("--dot-stuffed") { Description = "Inputs are raw NNTP bodies (dot-stuffed, ending in a lone dot)." };
        var command = new Command("decode", "Decode yEnc parts into files; parts of one file are joined by name, names are made safe.") { files, output, json, raw };
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(files) ?? [],
            CodecOptions.FolderOrCurrent(result, output),
            result.GetValue(json),
            result.GetValue(raw),
            result.InvocationConfiguration,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        FileInfo[] inputs, string outputDirectory, bool json, bool dotStuffed, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        if (!CodecUsage.InputsExist(console, "yenc decode", inputs))
            return ExitCodes.Usage;
        Directory.CreateDirectory(outputDirectory);

        var withoutYenc = new List<string>();
        var files = await YencFileDecoder.DecodeAsync(
            inputs.Select(f => f.FullName).ToList(), outputDirectory, withoutYenc, dotStuffed, cancellationToken).ConfigureAwait(false);
        if (json)
            YencDecodeReport.WriteJson(console.Output, files, withoutYenc);
        else
            YencDecodeReport.WriteText(console.Output, console.Error, files, withoutYenc);
        return YencDecodeReport.ExitCode(files, withoutYenc);
    }
}
