namespace Inet.Cli.Native;

/// <summary>Socket engine settings the runtime reads only from the environment, applied before the first socket.</summary>
internal static class SocketTuning
{
    private const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>
    /// Runs socket continuations on the epoll thread that saw the data instead of handing each one to the
    /// thread pool: a download's receive, decode and write then cost no thread wake-up per read. The runtime
    /// then starts one epoll thread per core, so work still spreads over the cores. Inet's library code never
    /// blocks on a task, which is what this mode needs. Measured: 15% less CPU per GiB downloaded (bench/README.md).
    /// A value the user set is kept.
    /// </summary>
    public static void Apply()
    {
        if (Environment.GetEnvironmentVariable(InlineCompletions) is null)
            Environment.SetEnvironmentVariable(InlineCompletions, "1");
    }
}
