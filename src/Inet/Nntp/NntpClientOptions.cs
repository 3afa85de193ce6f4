using Inet.Core;
using Microsoft.Extensions.Logging;

namespace Inet.Nntp;

/// <summary>How an <see cref="NntpClient"/> connects and logs in.</summary>
public sealed record NntpClientOptions
{
    /// <summary>Host, port, TLS and limits. Port 119 for nntp, 563 for nntps.</summary>
    public required ConnectionSettings Connection { get; init; }

    public string? UserName { get; init; }

    public string? Password { get; init; }

    /// <summary>Upgrade with STARTTLS after the welcome; fail when the server does not offer it.</summary>
    public bool RequireStartTls { get; init; }

    /// <summary>Log in right after connecting (otherwise only when the server answers 480).</summary>
    public bool AuthenticateEagerly { get; init; }

    /// <summary>Send MODE READER when the server asks for it (CAPABILITIES MODE-READER, or a 401 reply).</summary>
    public bool AutoModeReader { get; init; } = true;

    /// <summary>Ask for COMPRESS DEFLATE when the server offers it.</summary>
    public bool UseCompression { get; init; }

    public ILogger? Logger { get; init; }

    /// <summary>Options from a URL such as <c>nntps://user:pass@host:563</c>.</summary>
    public static NntpClientOptions FromUrl(string url, string? password = null) =>
        FromAddress(ServerAddress.Parse(url, NntpClient.Schemes), password);

    public static NntpClientOptions FromAddress(ServerAddress address, string? password = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new NntpClientOptions
        {
            Connection = new ConnectionSettings { Host = address.Host, Port = address.Port, UseImplicitTls = address.ImplicitTls },
            UserName = address.User,
            Password = password ?? address.Password,
        };
    }
}
