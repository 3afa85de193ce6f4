using Inet.Core;
using Microsoft.Extensions.Logging;

namespace Inet.Smtp;

/// <summary>How an <see cref="SmtpClient"/> connects, greets and logs in.</summary>
public sealed record SmtpClientOptions
{
    /// <summary>Host, port, TLS and limits: 25 for smtp, 465 for smtps (implicit TLS), 24 for lmtp.</summary>
    public required ConnectionSettings Connection { get; init; }

    public SmtpMode Mode { get; init; }

    /// <summary>STARTTLS policy for a plain connection (ignored under implicit TLS).</summary>
    public StartTlsPolicy StartTls { get; init; }

    /// <summary>The name sent with EHLO/LHLO/HELO; by default this machine's name, or an address literal.</summary>
    public string? ClientName { get; init; }

    public string? UserName { get; init; }

    public string? Password { get; init; }

    /// <summary>An OAuth 2.0 access token for XOAUTH2, used in place of the password when the server offers it.</summary>
    public string? OAuthToken { get; init; }

    /// <summary>Force one SASL mechanism (e.g. "LOGIN"); by default the strongest one offered.</summary>
    public string? AuthMechanism { get; init; }

    /// <summary>
    /// Allow credentials over a connection without TLS. Off: with credentials and no TLS the client
    /// stops before AUTH with a <see cref="TlsUnavailableException"/>.
    /// </summary>
    public bool AllowCredentialsWithoutTls { get; init; }

    /// <summary>Use BDAT (RFC 3030) when the server offers CHUNKING, in place of DATA with dot-stuffing.</summary>
    public bool UseChunking { get; init; } = true;

    /// <summary>Send envelopes and message ends pipelined when the server offers PIPELINING (RFC 2920).</summary>
    public bool UsePipelining { get; init; } = true;

    /// <summary>Bounds on one reply: lines, bytes, and the time to finish it once begun.</summary>
    public ReplyLimits ReplyLimits { get; init; } = ReplyLimits.Smtp;

    public ILogger? Logger { get; init; }

    /// <summary>Options from a URL: <c>smtp://[user:pass@]host:port</c>, <c>smtps://</c> (implicit TLS) or <c>lmtp://host:port</c>.</summary>
    public static SmtpClientOptions FromUrl(string url, string? password = null) =>
        FromAddress(ServerAddress.Parse(url, SmtpClient.Schemes), password);

    public static SmtpClientOptions FromAddress(ServerAddress address, string? password = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new SmtpClientOptions
        {
            Connection = new ConnectionSettings { Host = address.Host, Port = address.Port, UseImplicitTls = address.ImplicitTls },
            Mode = address.Scheme == "lmtp" ? SmtpMode.Lmtp : SmtpMode.Smtp,
            UserName = address.User,
            Password = password ?? address.Password,
        };
    }
}
