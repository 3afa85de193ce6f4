using System.Globalization;
using Xunit;
using Xunit.Abstractions;

namespace Inet.Tests.Arm64;

/// <summary>
/// Counts the results xunit reports while it runs the tests and prints failures (with their stack), skips
/// and one line per finished test class, so that a slow emulated run shows progress.
/// </summary>
internal sealed class ResultSink(TextWriter output) : LongLivedMarshalByRefObject, IMessageSink, IDisposable
{
    private int passed, failed, skipped;

    public int Passed => passed;

    /// <summary>Failed tests, plus failures outside a test (a fixture's or a class's cleanup, a crash of the runner).</summary>
    public int Failed => failed;

    public int Skipped => skipped;

    public ManualResetEventSlim Finished { get; } = new();

    public bool OnMessage(IMessageSinkMessage message)
    {
        switch (message)
        {
            case ITestPassed:
                Interlocked.Increment(ref passed);
                break;
            case ITestFailed failure:
                Interlocked.Increment(ref failed);
                Print($"FAIL {failure.Test.DisplayName}\n{Describe(failure)}");
                break;
            case ITestSkipped skip:
                Interlocked.Increment(ref skipped);
                Print($"SKIP {skip.Test.DisplayName}: {skip.Reason}");
                break;
            case IFailureInformation error:
                // Not a test's failure: cleanup of a class or collection, or the framework itself.
                Interlocked.Increment(ref failed);
                Print($"ERROR {message.GetType().Name}\n{Describe(error)}");
                break;
            case ITestClassFinished done:
                Print(string.Create(CultureInfo.InvariantCulture,
                    $"  {done.TestClass.Class.Name}: {done.TestsRun} run, {done.TestsFailed} failed, {done.TestsSkipped} skipped in {done.ExecutionTime:0.0} s"));
                break;
            case ITestAssemblyFinished:
                Finished.Set();
                break;
        }
        return true;
    }

    private static string Describe(IFailureInformation failure)
    {
        var lines = new List<string>();
        for (var i = 0; i < failure.ExceptionTypes.Length; i++)
        {
            lines.Add($"    {failure.ExceptionTypes[i]}: {failure.Messages[i]}");
            if (failure.StackTraces[i] is { Length: > 0 } stack)
                lines.Add(stack);
        }
        return string.Join('\n', lines);
    }

    private void Print(string text)
    {
        lock (output)
            output.WriteLine(text);
    }

    public void Dispose() => Finished.Dispose();
}
