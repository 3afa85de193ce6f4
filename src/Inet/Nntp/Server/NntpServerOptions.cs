using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Inet.Nntp.Server;

/// <summary>Settings of an embedded <see cref="NntpServer"/>: address, store, auth, TLS, limits and faults.</summary>
public sealed class NntpServerOptions
{
    /// <summary>Address to listen on; loopback by default.</summary>
    public IPAddress Address { get; set; } = IPAddress.Loopback;

    /// <summary>TCP port; 0 (the default) lets the system pick a free port, see <see cref="NntpServer.Port"/>.</summary>
    public int Port { get; set; }

    /// <summary>Host name used in the greeting, in generated Message-IDs and in Path/Xref headers.</summary>
    public string HostName { get; set; } = "localhost";

    /// <summary>Where groups and articles live; a fresh <see cref="InMemoryArticleStore"/> when null.</summary>
    public IArticleStore? Store { get; set; }

    /// <summary>Whether POST is allowed (greeting 200) or refused with 440 (greeting 201).</summary>
    public bool PostingAllowed { get; set; } = true;

    /// <summary>Whether the IHAVE transfer command is offered.</summary>
    public bool IHaveAllowed { get; set; } = true;

    /// <summary>When set together with <see cref="Password"/>, reading and posting need AUTHINFO USER/PASS (else 480).</summary>
    public string? UserName { get; set; }

    /// <summary>Password for <see cref="UserName"/>; never logged.</summary>
    public string? Password { get; set; }

    /// <summary>Refuse AUTHINFO with 483 until the connection is encrypted (as INN does by default).</summary>
    public bool AuthenticationRequiresTls { get; set; }

    /// <summary>Offer COMPRESS DEFLATE (RFC 8054) once a client may read.</summary>
    public bool EnableCompression { get; set; } = true;

    /// <summary>Offer STARTTLS (RFC 4642) with <see cref="Certificate"/>, or a generated self-signed one.</summary>
    public bool EnableStartTls { get; set; }

    /// <summary>Speak TLS from the first byte (nntps), with the same certificate rules as STARTTLS.</summary>
    public bool ImplicitTls { get; set; }

    /// <summary>Server certificate with private key; generated for localhost when null and TLS is on.</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>Longest accepted command line in bytes (RFC 3977 says 512; we are tolerant).</summary>
    public int MaxCommandLineLength { get; set; } = 4096;

    /// <summary>Longest accepted line inside a posted article, in bytes.</summary>
    public int MaxArticleLineLength { get; set; } = 16 * 1024;

    /// <summary>Largest accepted posted article, in bytes.</summary>
    public long MaxArticleSize { get; set; } = 16L * 1024 * 1024;

    /// <summary>Connections served at once; further clients get 400 and are closed.</summary>
    public int MaxConnections { get; set; } = 256;

    /// <summary>A client that sends nothing for this long is disconnected.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Fault injection for tests: delays, disconnects, corrupt or missing articles, custom hooks.</summary>
    public NntpFaults Faults { get; set; } = new();

    /// <summary>Optional logger: connections at Debug, a redacted command transcript at Trace.</summary>
    public ILogger? Logger { get; set; }

    internal bool RequiresAuthentication => UserName is not null && Password is not null;
}
