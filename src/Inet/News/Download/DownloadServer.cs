using Inet.Nntp;

namespace Inet.News.Download;

/// <summary>One news server of a download job. Servers are tried in the order they are given (priority).</summary>
public sealed record DownloadServer
{
    /// <summary>How to connect and log in.</summary>
    public required NntpClientOptions Client { get; init; }

    /// <summary>Connections to open at most to this server.</summary>
    public int Connections { get; init; } = 4;

    /// <summary>A name for reports (default host:port).</summary>
    public string? Name { get; init; }

    internal string DisplayName => Name ?? $"{Client.Connection.Host}:{Client.Connection.Port}";
}
