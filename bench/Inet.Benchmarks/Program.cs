using BenchmarkDotNet.Running;

if (args is ["yenc-compare", ..]) { Environment.ExitCode = Inet.Benchmarks.Yenc.YencCompare.Run(args[1..]); return; }
if (args is ["overview-compare", ..]) { Environment.ExitCode = await Inet.Benchmarks.Nntp.OverviewComparison.RunAsync(args[1..]); return; }
if (args is ["download", ..]) { Environment.ExitCode = await Inet.Benchmarks.Nntp.DownloadRunner.RunAsync(args[1..]); return; }
if (args is ["nntp-fake-server", ..]) { Environment.ExitCode = await Inet.Benchmarks.Nntp.FakeNntpServer.RunAsync(); return; }

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
