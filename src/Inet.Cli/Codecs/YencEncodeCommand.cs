using System.CommandLine;
using System.Globalization;
using Inet.Codecs;
using Inet.Codecs.Yenc;
using Inet.Core;

namespace Inet.Cli.Codecs;

/// <summary><c>inet yenc encode FILE -o DIR [--part-size N] [--line-length N]</c>: one <c>.yenc</c> file per part.</summary>
internal static class YencEncodeCommand
{
    public static Command Create()
    {
        var file = CodecOptions.FileToEncode();
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = "Folder for the .yenc parts (default: current folder)." };
        var partSize = new Option<long>("--part-size") { Description = "Bytes of the file per part; 0 writes one single-part post.", DefaultValueFactory = _ => 0 };
        var lineLength = new Option<int>("--line-length") { Description = "Characters per encoded line.", DefaultValueFactory = _ => YencEncoder.DefaultLineLength };
        var name = new Option<string>("--name") { Description = "Name for =ybegin (default: the file's name)." };
        var command = new Command("encode", "yEnc-encode a file, split into parts.") { file, output, partSize, lineLength, name };
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(file),
            CodecOptions.FolderOrCurrent(result, output),
            result.GetValue(partSize),
            result.GetValue(lineLength),
            result.GetValue(name),
            result.InvocationConfiguration,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        FileInfo? input, string outputDirectory, long partSize, int lineLength, string? name, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        if (!CodecUsage.InputExists(console, "yenc encode", input))
            return ExitCodes.Usage;
        if (partSize < 0 || lineLength is < 1 or > 1 << 20)
            return CodecUsage.Error(console, "yenc encode", "--part-size must be >= 0 and --line-length between 1 and 1048576");
        var postName = name ?? input.Name;
        if (postName.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            return CodecUsage.Error(console, "yenc encode", "--name cannot contain CR, LF or NUL");
        Directory.CreateDirectory(outputDirectory);

        var leaf = SafeFileName.Sanitize(postName);
        var written = new List<string>();
        var source = input.OpenRead();
        await using (source.ConfigureAwait(false))
        {
            await YencFileEncoder.EncodeAsync(source, input.Length, postName, partSize, (part, total, _) =>
            {
                var path = Path.Combine(outputDirectory, PartFileName(leaf, part, total));
                written.Add(path);
                return ValueTask.FromResult<Stream>(File.Create(path));
            }, lineLength, cancellationToken).ConfigureAwait(false);
        }
        foreach (var path in written)
            console.Output.WriteLine(path);
        return ExitCodes.Ok;
    }

    /// <summary><c>name.yenc</c> for one part, else <c>name.007.yenc</c> (at least three digits, enough for the total).</summary>
    internal static string PartFileName(string leaf, int part, int total)
    {
        if (total <= 1)
            return leaf + ".yenc";
        var digits = Math.Max(3, total.ToString(CultureInfo.InvariantCulture).Length);
        return $"{leaf}.{part.ToString("D" + digits, CultureInfo.InvariantCulture)}.yenc";
    }
}
