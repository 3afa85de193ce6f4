using Spectre.Console;

namespace Inet.Cli;

/// <summary>When a command may draw a live progress bar, and a progress sink that reports in order.</summary>
internal static class TerminalProgress
{
    /// <summary>True when a live bar can be drawn: no --json, and stdout and stderr both on the terminal.</summary>
    public static bool CanShow(TextWriter output, bool json) =>
        !json && output == Console.Out && !Console.IsOutputRedirected && !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive;
}

/// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    private readonly Lock _gate = new();

    public void Report(T value)
    {
        lock (_gate)
            report(value);
    }
}
