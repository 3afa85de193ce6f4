using System.CommandLine;

namespace Inet.Cli.Codecs;

/// <summary><c>inet yenc</c>: decode yEnc posts into files, or encode a file into yEnc parts.</summary>
internal static class YencCommand
{
    public static Command Create() => new("yenc", "Decode or encode yEnc.") { YencDecodeCommand.Create(), YencEncodeCommand.Create() };
}
