using System.CommandLine;
using System.CommandLine.Help;
using System.Reflection;
using System.Runtime.InteropServices;
using Inet.Cli.Native;
using Inet.Codecs;
using Inet.Core;

namespace Inet.Cli;

/// <summary>The <c>inet</c> root: every verb, <c>--help</c>, and <c>--version [--verbose]</c>.</summary>
internal static class InetRootCommand
{
    // A plain command rather than RootCommand: that one names itself after the executable (Inet.Cli).
    public static Command Create()
    {
        var version = new Option<bool>("--version") { Description = "Show the version; with --verbose also the build and the SIMD kernels chosen for this CPU." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "With --version: the build, the CPU and the codec kernels." };
        var root = new Command("inet", "inet: clients for NNTP, FTP, SMTP, POP3 and IMAP, with yEnc/uu codecs and a news robot.")
        {
            new HelpOption(),
            version,
            verbose,
        };
        foreach (var command in CommandCatalog.All())
            root.Subcommands.Add(command);
        root.SetAction(parse =>
        {
            if (!parse.GetValue(version))
            {
                new HelpAction().Invoke(parse);
                return ExitCodes.Usage;
            }
            parse.InvocationConfiguration.Output.Write(parse.GetValue(verbose) ? VersionReport() : VersionLine() + "\n");
            return ExitCodes.Ok;
        });
        return root;
    }

    public static string VersionLine()
    {
        var informational = typeof(InetRootCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return "inet " + (informational?.Split('+')[0] ?? "0.0.0");
    }

    /// <summary>What a bug report needs: version, how the tool was built, the CPU, and the kernels in use.</summary>
    public static string VersionReport()
    {
        var build = !NativeBuildSelector.IsNative
            ? $"JIT-compiled, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.RuntimeIdentifier}"
            : NativeBuildSelector.RunningLevel is { } level
                ? $"native (ahead-of-time compiled) for {level}, {RuntimeInformation.RuntimeIdentifier}"
                : $"native (ahead-of-time compiled), {RuntimeInformation.RuntimeIdentifier}";
        var cpu = CpuFlags.ModelName() ?? RuntimeInformation.ProcessArchitecture.ToString();
        var lines = new List<string>
        {
            VersionLine(),
            "build:  " + build,
            "cpu:    " + cpu,
        };
        if (RuntimeInformation.ProcessArchitecture == Architecture.X64 && OperatingSystem.IsLinux())
            lines.Add("level:  this CPU runs " + CpuLevels.Best(CpuFlags.Read()));
        lines.Add("yEnc:   " + CodecKernels.Yenc);
        lines.Add("CRC-32: " + CodecKernels.Crc32);
        return string.Join('\n', lines) + "\n";
    }
}
