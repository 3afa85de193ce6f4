using System.CommandLine;

namespace Inet.Cli.Codecs;

/// <summary>The arguments and options that several uu/yenc verbs declare alike.</summary>
internal static class CodecOptions
{
    /// <summary>The single input of an encode verb; optional to the parser so the verb can print its own usage error.</summary>
    public static Argument<FileInfo?> FileToEncode() =>
        new("FILE") { Description = "File to encode.", Arity = ArgumentArity.ZeroOrOne };

    /// <summary><c>--output</c>/<c>-o</c> of a decode verb.</summary>
    public static Option<DirectoryInfo> DecodedFilesFolder() =>
        new("--output", "-o") { Description = "Folder for the decoded files (default: current folder)." };

    /// <summary>The full path of the folder given with <paramref name="option"/>, or the current folder.</summary>
    public static string FolderOrCurrent(ParseResult result, Option<DirectoryInfo> option) =>
        result.GetValue(option)?.FullName ?? Directory.GetCurrentDirectory();
}
