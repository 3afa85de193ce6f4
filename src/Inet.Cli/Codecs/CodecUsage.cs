using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using Inet.Core;

namespace Inet.Cli.Codecs;

/// <summary>Usage checks shared by the uu/yenc verbs: each failure prints <c>inet VERB: message</c> to stderr.</summary>
internal static class CodecUsage
{
    /// <summary>Prints the message and returns the usage exit code (2).</summary>
    public static int Error(InvocationConfiguration console, string verb, string message)
    {
        console.Error.WriteLine($"inet {verb}: {message}");
        return ExitCodes.Usage;
    }

    /// <summary>True when at least one input was given and all exist; otherwise prints why.</summary>
    public static bool InputsExist(InvocationConfiguration console, string verb, FileInfo[] inputs)
    {
        if (inputs.Length == 0)
        {
            Error(console, verb, "at least one FILE is required");
            return false;
        }
        var absent = inputs.FirstOrDefault(f => !f.Exists);
        if (absent is not null)
            Error(console, verb, $"no such file: {absent.FullName}");
        return absent is null;
    }

    /// <summary>True when the input was given and exists; otherwise prints why.</summary>
    public static bool InputExists(InvocationConfiguration console, string verb, [NotNullWhen(true)] FileInfo? input)
    {
        if (input is not null && input.Exists)
            return true;
        Error(console, verb, input is null ? "FILE is required" : $"no such file: {input.FullName}");
        return false;
    }
}
