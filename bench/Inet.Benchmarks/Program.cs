using BenchmarkDotNet.Running;

if (args is ["yenc-compare", ..]) { Environment.ExitCode = Inet.Benchmarks.Yenc.YencCompare.Run(args[1..]); return; }

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
