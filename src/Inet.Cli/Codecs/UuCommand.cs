using System.CommandLine;

namespace Inet.Cli.Codecs;

/// <summary><c>inet uu</c>: uudecode files to a folder, or uuencode a file.</summary>
internal static class UuCommand
{
    public static Command Create() => new("uu", "Decode or encode uuencoded files.") { UuDecodeCommand.Create(), UuEncodeCommand.Create() };
}
