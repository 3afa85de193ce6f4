using Inet.Core;
using Microsoft.Extensions.Logging;

namespace Inet.Ftp;

/// <summary>How an <see cref="FtpClient"/> connects and logs in.</summary>
public sealed record FtpClientOptions
{
    /// <summary>The user name sent when the URL names none (RFC 1635).</summary>
    public const string AnonymousUser = "anonymous";

    /// <summary>The password sent for anonymous logins.</summary>
    public const string AnonymousPassword = "anonymous@";

    /// <summary>Host, port and limits. Port 21 for ftp.</summary>
    public required ConnectionSettings Connection { get; init; }

    public string UserName { get; init; } = AnonymousUser;

    /// <summary>The password; when null or empty for the anonymous user, <see cref="AnonymousPassword"/> is sent.</summary>
    public string? Password { get; init; }

    /// <summary>Sent with ACCT when the server asks for an account (332).</summary>
    public string? Account { get; init; }

    /// <summary>Send USER/PASS right after the welcome (turn off to send commands such as FEAT first).</summary>
    public bool LogInOnConnect { get; init; } = true;

    /// <summary>The path from the URL, relative to the login folder (percent-decoded, without the leading '/').</summary>
    public string Path { get; init; } = "";

    public ILogger? Logger { get; init; }

    /// <summary>Options from a URL such as <c>ftp://user:pass@host:21/dir/</c>; no user means anonymous.</summary>
    public static FtpClientOptions FromUrl(string url, string? password = null) =>
        FromAddress(ServerAddress.Parse(url, FtpClient.Schemes), password);

    public static FtpClientOptions FromAddress(ServerAddress address, string? password = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        var anonymous = string.IsNullOrEmpty(address.User);
        return new FtpClientOptions
        {
            Connection = new ConnectionSettings { Host = address.Host, Port = address.Port, UseImplicitTls = address.ImplicitTls },
            UserName = anonymous ? AnonymousUser : address.User!,
            Password = password ?? address.Password ?? (anonymous ? AnonymousPassword : null),
            Path = address.Path,
        };
    }
}
