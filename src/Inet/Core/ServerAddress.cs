namespace Inet.Core;

/// <summary>
/// A parsed server URL such as <c>nntps://user:pass@host:563/group</c>: scheme, host, port,
/// implicit TLS, optional user, password and path.
/// </summary>
public sealed record ServerAddress(string Scheme, string Host, int Port, bool ImplicitTls, string? User, string? Password, string Path)
{
    /// <summary>Parses a URL whose scheme is in <paramref name="schemes"/> (name to (default port, implicit TLS)).</summary>
    public static ServerAddress Parse(string url, IReadOnlyDictionary<string, (int Port, bool Tls)> schemes)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !schemes.TryGetValue(uri.Scheme, out var scheme))
            throw new FormatException($"Not a supported server URL: {Printable.Escape(url)} (expected {string.Join(", ", schemes.Keys.Select(s => s + "://host"))}).");
        if (string.IsNullOrEmpty(uri.Host))
            throw new FormatException("The URL has no host.");
        string? user = null, password = null;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            password = colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }
        var host = uri.Host.StartsWith('[') ? uri.Host[1..^1] : uri.Host;
        var port = uri.IsDefaultPort || uri.Port < 0 ? scheme.Port : uri.Port;
        return new ServerAddress(uri.Scheme, host, port, scheme.Tls, user, password, Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')));
    }
}
