using System.Reflection;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Inet.Tests.Arm64;

/// <summary>
/// Discovers the tests of an assembly with xunit v2's own framework and runs those a filter keeps, in this
/// process. This is what a runner does without its AppDomain and vstest layers, which the package mirror
/// does not serve for .NET (xunit.runner.utility) or which would need an arm64 test host of their own.
/// </summary>
internal static class InProcessTestRun
{
    public static List<ITestCase> Discover(Assembly assembly, Func<ITestCase, bool> include, TextWriter output)
    {
        using var framework = new XunitTestFramework(new DiagnosticSink(output));
        using var discoverer = framework.GetDiscoverer(Reflector.Wrap(assembly));
        using var sink = new DiscoverySink();
        discoverer.Find(includeSourceInformation: false, sink, new FrameworkOptions());
        sink.Finished.Wait();
        return sink.TestCases.Where(include).ToList();
    }

    public static void Run(Assembly assembly, IEnumerable<ITestCase> testCases, ResultSink results, TextWriter output)
    {
        using var framework = new XunitTestFramework(new DiagnosticSink(output));
        using var executor = framework.GetExecutor(assembly.GetName());
        executor.RunTests(testCases, results, new FrameworkOptions());
        results.Finished.Wait();
    }

    /// <summary>The framework's own warnings (e.g. a bad test attribute): printed, never swallowed.</summary>
    private sealed class DiagnosticSink(TextWriter output) : LongLivedMarshalByRefObject, IMessageSink
    {
        public bool OnMessage(IMessageSinkMessage message)
        {
            if (message is IDiagnosticMessage diagnostic)
                lock (output)
                    output.WriteLine($"xunit: {diagnostic.Message}");
            return true;
        }
    }
}
