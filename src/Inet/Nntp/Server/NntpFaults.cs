using System.Collections.Concurrent;

namespace Inet.Nntp.Server;

/// <summary>
/// Fault injection for tests and benchmarks. Thread-safe; changes apply to the next command
/// of every connection, except <see cref="DisconnectAfterBytes"/>, which is read when a client connects.
/// </summary>
public sealed class NntpFaults
{
    private readonly ConcurrentDictionary<string, byte> _missing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _corrupt = new(StringComparer.Ordinal);

    /// <summary>Wait this long before each reply (slow server).</summary>
    public TimeSpan ReplyDelay { get; set; }

    /// <summary>Limit each connection's sending rate to about this many bytes per second (null: unlimited).</summary>
    public long? MaxBytesPerSecond { get; set; }

    /// <summary>Close each new connection abruptly once it has sent this many bytes, greeting included (null: never).</summary>
    public long? DisconnectAfterBytes { get; set; }

    /// <summary>
    /// Called for every command before the server handles it; return true when the hook has
    /// answered (or disconnected) itself and the normal handler must be skipped.
    /// </summary>
    public Func<NntpFaultContext, CancellationToken, ValueTask<bool>>? OnCommand { get; set; }

    /// <summary>Pretend the article is gone: 430 by message-id, 423 by number, skipped in listings.</summary>
    public void MarkMissing(string messageId) => _missing[messageId] = 0;

    /// <summary>Serve the article with damaged body bytes (one byte changed in a data line).</summary>
    public void MarkCorrupt(string messageId) => _corrupt[messageId] = 0;

    /// <summary>Forget every missing and corrupt article mark.</summary>
    public void ClearArticleFaults()
    {
        _missing.Clear();
        _corrupt.Clear();
    }

    internal bool IsMissing(string messageId) => !_missing.IsEmpty && _missing.ContainsKey(messageId);

    internal bool IsCorrupt(string messageId) => !_corrupt.IsEmpty && _corrupt.ContainsKey(messageId);
}
