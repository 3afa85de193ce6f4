using System.Net;
using System.Net.Sockets;
using Inet.Core;

namespace Inet.Smtp;

public sealed partial class SmtpClient
{
    /// <summary>220 is the greeting; 554 (or 421) means the server will not talk to us.</summary>
    private async Task ReadGreetingAsync(CancellationToken cancellationToken)
    {
        var reply = await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        if (reply.Code != 220)
        {
            _connection.MarkBroken();
            throw new SmtpCommandException(reply, $"The server refused the session: {reply.Code} {Printable.Escape(reply.Text)}");
        }
        Greeting = reply;
    }

    /// <summary>
    /// EHLO (LHLO in LMTP mode) with the client's name; an SMTP server that does not know EHLO (5xx)
    /// gets HELO and offers nothing extended. Updates <see cref="Capabilities"/>.
    /// </summary>
    public async Task<SmtpCapabilities> HelloAsync(CancellationToken cancellationToken = default)
    {
        var name = ClientName();
        var verb = _options.Mode == SmtpMode.Lmtp ? "LHLO " : "EHLO ";
        var reply = await CommandAsync(verb + name, cancellationToken).ConfigureAwait(false);
        if (reply.Code == 250)
            return Capabilities = SmtpCapabilities.FromEhloReply(reply);
        if (_options.Mode == SmtpMode.Smtp && reply.IsPermanentNegative)
        {
            await ExpectAsync("HELO " + name, 250, cancellationToken).ConfigureAwait(false);
            return Capabilities = SmtpCapabilities.None with { ServerName = reply.Text.Split(' ', 2)[0] };
        }
        throw new SmtpCommandException(reply);
    }

    /// <summary>
    /// STARTTLS (RFC 3207): 220, then the TLS handshake. Whatever the server sent before the handshake
    /// is dropped (it could be an injection), and EHLO is sent again, as the RFC demands: the first
    /// answer was not protected.
    /// </summary>
    public async Task StartTlsAsync(CancellationToken cancellationToken = default)
    {
        var reply = await CommandAsync("STARTTLS", cancellationToken).ConfigureAwait(false);
        if (reply.Code != 220)
            throw new TlsUnavailableException($"The server refused STARTTLS: {reply.Code} {Printable.Escape(reply.Text)}", reply);
        await _connection.StartTlsAsync(cancellationToken).ConfigureAwait(false);
        Capabilities = SmtpCapabilities.None;
        await HelloAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>RSET (250): drops the transaction in progress.</summary>
    public Task ResetAsync(CancellationToken cancellationToken = default) => ExpectAsync("RSET", 250, cancellationToken);

    /// <summary>NOOP (250): checks the session is alive and in step.</summary>
    public Task NoopAsync(CancellationToken cancellationToken = default) => ExpectAsync("NOOP", 250, cancellationToken);

    /// <summary>VRFY (RFC 5321 3.5.1): 250/251 known, 252 "cannot verify but will try"; the reply either way.</summary>
    public async Task<Reply> VerifyAsync(string address, CancellationToken cancellationToken = default)
    {
        CommandGuard.Check(address, nameof(address));
        var reply = await CommandAsync("VRFY " + address, cancellationToken).ConfigureAwait(false);
        return reply.Code is 250 or 251 or 252 or 550 or 551 or 553 ? reply : throw new SmtpCommandException(reply);
    }

    private async Task ApplyStartTlsPolicyAsync(CancellationToken cancellationToken)
    {
        if (IsSecure || _options.StartTls == StartTlsPolicy.Never)
            return;
        if (Capabilities.StartTls)
            await StartTlsAsync(cancellationToken).ConfigureAwait(false);
        else if (_options.StartTls == StartTlsPolicy.Always)
            throw new TlsUnavailableException("The server does not offer STARTTLS, and TLS was required. Nothing was sent.");
    }

    /// <summary>The EHLO name: the options' name, this host's name when it is a domain, else an address literal.</summary>
    private string ClientName()
    {
        if (_options.ClientName is { } configured)
            return configured;
        var host = Dns.GetHostName();
        if (host.Contains('.', StringComparison.Ordinal) && host.AsSpan().IndexOfAny(" \r\n\0") < 0)
            return host;
        return _connection.LocalEndPoint switch
        {
            IPEndPoint { AddressFamily: AddressFamily.InterNetworkV6 } v6 when !v6.Address.IsIPv4MappedToIPv6 => $"[IPv6:{v6.Address}]",
            IPEndPoint ip => $"[{(ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address)}]",
            _ => "[127.0.0.1]",
        };
    }
}
