using Xunit;
using Xunit.Abstractions;

namespace Inet.Tests.Arm64;

/// <summary>Collects the test cases xunit's discoverer finds; <see cref="Finished"/> is set when it is done.</summary>
internal sealed class DiscoverySink : LongLivedMarshalByRefObject, IMessageSink, IDisposable
{
    public List<ITestCase> TestCases { get; } = [];

    public ManualResetEventSlim Finished { get; } = new();

    public bool OnMessage(IMessageSinkMessage message)
    {
        if (message is ITestCaseDiscoveryMessage discovered)
            TestCases.Add(discovered.TestCase);
        else if (message is IDiscoveryCompleteMessage)
            Finished.Set();
        return true;
    }

    public void Dispose() => Finished.Dispose();
}
