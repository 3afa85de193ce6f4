using Inet.News.Download;

namespace Inet.Cli.Nzb;

/// <summary>Handles progress on the reporting thread (Progress&lt;T&gt; would post it later, after the summary).</summary>
internal sealed class InlineProgress(Action<DownloadProgress> report) : IProgress<DownloadProgress>
{
    public void Report(DownloadProgress value) => report(value);
}
