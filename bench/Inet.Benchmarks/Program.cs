using BenchmarkDotNet.Running;
using Inet.Benchmarks.Nntp;

// The comparison runners take the first argument; everything else goes to BenchmarkDotNet.
return args.FirstOrDefault() switch
{
    "overview-compare" => await OverviewComparison.RunAsync(args[1..]),
    "download" => await DownloadRunner.RunAsync(args[1..]),
    "nntp-fake-server" => await FakeNntpServer.RunAsync(),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}
