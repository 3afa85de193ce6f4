using Xunit.Abstractions;

namespace Inet.Tests.Arm64;

/// <summary>
/// Discovery and execution options for xunit's framework: a plain bag of values. Unset options read as null,
/// so the framework takes its defaults (theories enumerated at run time, one thread per core).
/// </summary>
internal sealed class FrameworkOptions : ITestFrameworkDiscoveryOptions, ITestFrameworkExecutionOptions
{
    private readonly Dictionary<string, object?> values = [];

    public TValue GetValue<TValue>(string name) =>
        values.TryGetValue(name, out var value) && value is TValue typed ? typed : default!;

    public void SetValue<TValue>(string name, TValue value) => values[name] = value;
}
