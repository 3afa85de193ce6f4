using BenchmarkDotNet.Running;
using Inet.Benchmarks.Nntp;

// The comparison runners take the first argument; everything else goes to BenchmarkDotNet.
return args.FirstOrDefault() switch
{
    "overview-compare" => await OverviewComparison.RunAsync(args[1..]),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}
