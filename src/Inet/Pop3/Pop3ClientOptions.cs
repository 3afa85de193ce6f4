using Inet.Core;
using Microsoft.Extensions.Logging;

namespace Inet.Pop3;

/// <summary>How a <see cref="Pop3Client"/> connects and logs in.</summary>
public sealed record Pop3ClientOptions
{
    /// <summary>Host, port, TLS and limits: 110 for pop3, 995 for pop3s (implicit TLS).</summary>
    public required ConnectionSettings Connection { get; init; }

    /// <summary>STLS policy for a plain connection (ignored under implicit TLS).</summary>
    public StartTlsPolicy StartTls { get; init; }

    public string? UserName { get; init; }

    public string? Password { get; init; }

    /// <summary>An OAuth 2.0 access token for XOAUTH2, used when the server offers it.</summary>
    public string? OAuthToken { get; init; }

    /// <summary>
    /// Force one SASL mechanism for AUTH (e.g. "PLAIN"), or "USER" (USER/PASS) or "APOP"; by default the
    /// strongest SASL mechanism CAPA lists, then APOP, then USER/PASS.
    /// </summary>
    public string? AuthMechanism { get; init; }

    /// <summary>
    /// Log in with APOP (RFC 1939 7) when the greeting carries a timestamp and CAPA offers no usable SASL
    /// mechanism. On by default; like every login it still needs TLS unless
    /// <see cref="AllowCredentialsWithoutTls"/> is set (an APOP digest can be cracked offline).
    /// </summary>
    public bool AllowApop { get; init; } = true;

    /// <summary>
    /// Allow credentials over a connection without TLS. Off: the client stops before USER, APOP or AUTH
    /// with a <see cref="TlsUnavailableException"/>.
    /// </summary>
    public bool AllowCredentialsWithoutTls { get; init; }

    /// <summary>Most RETR/TOP commands in flight at once when the server offers PIPELINING.</summary>
    public int PipelineWindow { get; init; } = 16;

    /// <summary>Most lines accepted in a LIST or UIDL answer (one per message).</summary>
    public int MaxListingLines { get; init; } = 1_000_000;

    public ILogger? Logger { get; init; }

    /// <summary>Options from a URL: <c>pop3://[user[:pass]@]host[:port]</c> or <c>pop3s://</c> (implicit TLS).</summary>
    public static Pop3ClientOptions FromUrl(string url, string? password = null) =>
        FromAddress(ServerAddress.Parse(url, Pop3Client.Schemes), password);

    public static Pop3ClientOptions FromAddress(ServerAddress address, string? password = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new Pop3ClientOptions
        {
            Connection = new ConnectionSettings { Host = address.Host, Port = address.Port, UseImplicitTls = address.ImplicitTls },
            UserName = address.User,
            Password = password ?? address.Password,
        };
    }
}
