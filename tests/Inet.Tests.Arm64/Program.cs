using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using Inet.Tests.Arm64;
using Xunit.Abstractions;

// Runs the tests of Inet.Tests whose full name (Namespace.Class.Method) starts with one of the given
// prefixes and with none of the excluded ones, and ends with the line
// "Inet.Tests.Arm64: N passed, N failed, N skipped in T s".
//   Inet.Tests.Arm64 [--any-architecture] [--exclude PREFIX]... PREFIX...   run them (refused outside arm64 unless asked)
//   Inet.Tests.Arm64 --skip-all REASON [--exclude PREFIX]... PREFIX...      only count them, all as skipped for REASON
// Exit status: 0 all passed, 1 a test failed, 2 bad usage, not arm64, or no test matched.
const string Name = "Inet.Tests.Arm64";
var output = Console.Out;
var anyArchitecture = false;
string? skipReason = null;
var prefixes = new List<string>();
var excluded = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--any-architecture":
            anyArchitecture = true;
            break;
        case "--skip-all" when i + 1 < args.Length:
            skipReason = args[++i];
            break;
        case "--exclude" when i + 1 < args.Length:
            excluded.Add(args[++i]);
            break;
        default:
            prefixes.Add(args[i]);
            break;
    }
}
if (prefixes.Count == 0 || prefixes.Any(p => p.StartsWith('-')))
{
    Console.Error.WriteLine($"usage: {Name} [--any-architecture | --skip-all REASON] [--exclude PREFIX]... PREFIX...");
    return 2;
}

var architecture = RuntimeInformation.ProcessArchitecture;
if (skipReason is null && architecture != Architecture.Arm64 && !anyArchitecture)
{
    // The point of this run is the arm64 code paths; elsewhere it would pass without testing them.
    Console.Error.WriteLine($"{Name}: this process is {architecture}, not Arm64 (--any-architecture runs anyway)");
    return 2;
}

var stopwatch = Stopwatch.StartNew();
var assembly = Assembly.Load(new AssemblyName("Inet.Tests"));
var testCases = InProcessTestRun.Discover(assembly, Included, output);
if (testCases.Count == 0)
{
    Console.Error.WriteLine($"{Name}: no test matched {string.Join(' ', prefixes)}");
    return 2;
}

if (skipReason is not null)
{
    output.WriteLine($"{Name}: 0 passed, 0 failed, {testCases.Count} skipped ({skipReason})");
    return 0;
}

output.WriteLine($"{Name}: {testCases.Count} test cases on {architecture} ({RuntimeInformation.RuntimeIdentifier}, {RuntimeInformation.FrameworkDescription})");
using var results = new ResultSink(output);
InProcessTestRun.Run(assembly, testCases, results, output);
output.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{Name}: {results.Passed} passed, {results.Failed} failed, {results.Skipped} skipped in {stopwatch.Elapsed.TotalSeconds:0} s"));
return results.Failed == 0 && results.Passed > 0 ? 0 : 1;

bool Included(ITestCase testCase)
{
    var method = testCase.TestMethod;
    var fullName = $"{method.TestClass.Class.Name}.{method.Method.Name}";
    return prefixes.Any(p => Matches(fullName, p)) && !excluded.Any(p => Matches(fullName, p));
}

static bool Matches(string fullName, string prefix) =>
    fullName == prefix || fullName.StartsWith(prefix + ".", StringComparison.Ordinal);
