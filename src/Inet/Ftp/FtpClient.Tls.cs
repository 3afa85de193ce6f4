using Inet.Core;

namespace Inet.Ftp;

public sealed partial class FtpClient
{
    /// <summary>
    /// AUTH TLS (234, RFC 4217 4): TLS on the control connection. Anything but 234 is a
    /// <see cref="TlsUnavailableException"/>, so no password goes out in the clear. Bytes the server
    /// sent before the handshake are dropped.
    /// </summary>
    public async Task AuthTlsAsync(CancellationToken cancellationToken = default)
    {
        if (IsSecure)
            throw new InvalidOperationException("TLS is already active.");
        var reply = await CommandAsync("AUTH TLS", cancellationToken).ConfigureAwait(false);
        if (reply.Code != 234)
        {
            _connection.MarkBroken(); // the session must not go on in the clear
            throw new TlsUnavailableException($"The server refused AUTH TLS ({reply.Code} {Printable.Escape(reply.Text)}); nothing was sent in the clear.", reply);
        }
        await _connection.StartTlsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>PBSZ 0 then PROT P (RFC 4217 8, 9): data connections under TLS from now on.</summary>
    public async Task ProtectDataAsync(CancellationToken cancellationToken = default)
    {
        if (!IsSecure)
            throw new InvalidOperationException("PROT P needs TLS on the control connection first.");
        await ExpectAsync("PBSZ 0", 2, cancellationToken).ConfigureAwait(false);
        await ExpectAsync("PROT P", 2, cancellationToken).ConfigureAwait(false);
        IsDataProtected = true;
    }

    /// <summary>PROT C: data connections in the clear again (the control connection stays under TLS; CCC is never sent).</summary>
    public async Task ClearDataAsync(CancellationToken cancellationToken = default)
    {
        await ExpectAsync("PROT C", 2, cancellationToken).ConfigureAwait(false);
        IsDataProtected = false;
    }
}
