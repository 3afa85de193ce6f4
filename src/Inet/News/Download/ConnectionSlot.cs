using Inet.Core;
using Inet.Nntp;

namespace Inet.News.Download;

/// <summary>
/// One connection of a download pool, shared by the engine and the news robot: opened on first use,
/// closed and reopened after a failure with exponential back-off (capped at 5 s), given up after too
/// many failures in a row without progress; QUIT on dispose unless the work was cancelled.
/// </summary>
internal sealed class ConnectionSlot(NntpClientOptions options, int maxFailures, TimeSpan firstDelay) : IAsyncDisposable
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);
    private NntpClient? _client;
    private int _failures;
    private bool _cancelled;

    /// <summary>The open connection, connecting first if needed.</summary>
    public async Task<NntpClient> GetAsync(CancellationToken cancellationToken)
        => _client ??= await NntpClient.ConnectAsync(options, cancellationToken).ConfigureAwait(false);

    /// <summary>A batch went through: the failure count starts again.</summary>
    public void Succeeded() => _failures = 0;

    /// <summary>
    /// Drops the broken connection and waits before the next attempt. <paramref name="progressed"/> (some work got done before it broke)
    /// resets the count. Returns false when the slot gives up.
    /// </summary>
    public async Task<bool> FailedAsync(bool progressed, CancellationToken cancellationToken)
    {
        if (_client is not null)
            await _client.DisposeAsync().ConfigureAwait(false);
        _client = null;
        _failures = progressed ? 1 : _failures + 1;
        if (_failures > maxFailures)
            return false;
        var delay = firstDelay * Math.Pow(2, _failures - 1);
        await Task.Delay(delay < MaxDelay ? delay : MaxDelay, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>True for the exceptions that mean the connection (not the data, not the output file) failed.</summary>
    public static bool IsConnectionFailure(Exception e) =>
        e is IOException and not Codecs.OutputWriteException or TimeoutException or System.Net.Sockets.SocketException or ProtocolException
            or System.Security.Authentication.AuthenticationException;

    /// <summary>Marks the work as cancelled: the connection may be mid-reply, so it is closed without QUIT.</summary>
    public void Cancelled() => _cancelled = true;

    public async ValueTask DisposeAsync()
    {
        if (_client is null)
            return;
        try
        {
            if (!_cancelled)
                await _client.QuitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ProtocolException or TimeoutException)
        {
            // Closing anyway.
        }
        await _client.DisposeAsync().ConfigureAwait(false);
        _client = null;
    }
}
