using Inet.Nntp;

namespace Inet.News.Posting;

/// <summary>One worker's NNTP connection: opened on first use, dropped after an error, reopened on demand.</summary>
internal sealed class PostConnection(Func<CancellationToken, Task<NntpClient>> connect) : IAsyncDisposable
{
    private NntpClient? _client;

    public async Task<NntpClient> GetAsync(CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true } client)
            return client;
        await ResetAsync().ConfigureAwait(false);
        _client = await connect(cancellationToken).ConfigureAwait(false);
        return _client;
    }

    /// <summary>Closes the connection without QUIT: after an error it is out of step.</summary>
    public async ValueTask ResetAsync()
    {
        var client = _client;
        _client = null;
        if (client is not null)
            await client.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        var client = _client;
        _client = null;
        if (client is null)
            return;
        try
        {
            await client.QuitAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or Inet.Core.ProtocolException or TimeoutException)
        {
            // Everything was posted already; a failing QUIT changes nothing.
            await client.DisposeAsync().ConfigureAwait(false);
        }
    }
}
