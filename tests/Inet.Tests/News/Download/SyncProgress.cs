namespace Inet.Tests.News.Download;

/// <summary>An IProgress that calls back on the reporting thread (Progress&lt;T&gt; posts later, racing the assertions).</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
