using Inet.Core;
using Microsoft.Extensions.Logging;

namespace Inet.Imap;

/// <summary>How an <see cref="ImapClient"/> connects and logs in.</summary>
public sealed record ImapClientOptions
{
    /// <summary>Host, port, TLS and limits: 143 for imap, 993 for imaps (implicit TLS).</summary>
    public required ConnectionSettings Connection { get; init; }

    public string? UserName { get; init; }

    public string? Password { get; init; }

    /// <summary>An OAuth 2.0 access token for XOAUTH2.</summary>
    public string? OAuthToken { get; init; }

    /// <summary>Force one SASL mechanism; by default the strongest one offered, else LOGIN.</summary>
    public string? AuthMechanism { get; init; }

    /// <summary>STARTTLS policy for a plain connection (ignored under implicit TLS).</summary>
    public StartTlsPolicy StartTls { get; init; }

    /// <summary>Allow credentials over a connection without TLS (off: a <see cref="TlsUnavailableException"/> before any is sent).</summary>
    public bool AllowCredentialsWithoutTls { get; init; }

    /// <summary>Limits on what one response may hold.</summary>
    public ImapReaderLimits? ReaderLimits { get; init; }

    public ILogger? Logger { get; init; }

    /// <summary>The mailbox from the URL's path (percent-decoded), e.g. "INBOX".</summary>
    public string Mailbox { get; init; } = "INBOX";

    public static ImapClientOptions FromUrl(string url, string? password = null) =>
        FromAddress(ServerAddress.Parse(url, ImapClient.Schemes), password);

    public static ImapClientOptions FromAddress(ServerAddress address, string? password = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new ImapClientOptions
        {
            Connection = new ConnectionSettings { Host = address.Host, Port = address.Port, UseImplicitTls = address.ImplicitTls },
            UserName = address.User,
            Password = password ?? address.Password,
            Mailbox = address.Path.Length == 0 ? "INBOX" : address.Path.TrimEnd('/'),
        };
    }
}
