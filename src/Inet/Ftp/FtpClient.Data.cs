using System.Net;
using Inet.Core;

namespace Inet.Ftp;

public sealed partial class FtpClient
{
    /// <summary>How long the end of an ABOR (its replies and the NOOP after it) may take.</summary>
    private static readonly TimeSpan AbortTimeout = TimeSpan.FromSeconds(10);

    private bool _epsvRefused;
    private bool _epsvWorked;
    private bool _eprtRefused;
    private FtpTransferStream? _transfer;

    /// <summary>
    /// Opens a data connection and starts <paramref name="command"/> on it: passive (connect before
    /// the command) or active (listen before, accept after the 150), REST first when
    /// <paramref name="restOffset"/> is set, TLS on the data connection after PROT P. A passive connection for
    /// a <paramref name="bulkDownload"/> is opened in blocking mode (see <see cref="DataConnection"/>); the others
    /// stay asynchronous, so that no pool thread waits on a connect for a listing or a small file.
    /// </summary>
    internal async Task<FtpTransferStream> BeginTransferAsync(string command, long restOffset, bool upload, bool bulkDownload, CancellationToken cancellationToken)
    {
        EnsureNoTransfer();
        DataConnection? data = null;
        DataListener? listener = null;
        try
        {
            Reply reply;
            if (CanPipelineEpsv && restOffset == 0)
            {
                (data, reply) = await PipelinedEpsvAsync(command, bulkDownload, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                if (IsActiveMode)
                    listener = await ListenAsync(cancellationToken).ConfigureAwait(false);
                else
                    data = await ConnectPassiveAsync(bulkDownload, cancellationToken).ConfigureAwait(false);
                if (restOffset > 0)
                    await ExpectAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"REST {restOffset}"), 350, cancellationToken).ConfigureAwait(false);
                reply = await CommandAsync(command, cancellationToken).ConfigureAwait(false);
            }
            if (reply.IsPositiveCompletion)
            {
                // Some servers answer an empty listing with 226 and no 150: nothing to transfer.
                await DisposeQuietlyAsync(data, listener).ConfigureAwait(false);
                return new FtpTransferStream(this, null, reply, upload, restOffset);
            }
            if (!reply.IsPositivePreliminary)
                throw Refusal(reply);
            if (listener is not null)
                data = await listener.AcceptAsync(ControlPeer(), _options.Connection, cancellationToken).ConfigureAwait(false);
            if (IsDataProtected)
                await SecureDataAsync(data!, cancellationToken).ConfigureAwait(false);
            listener?.Dispose();
            var transfer = new FtpTransferStream(this, data, reply, upload, restOffset);
            _transfer = transfer;
            return transfer;
        }
        catch
        {
            await DisposeQuietlyAsync(data, listener).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Ends a transfer whose data is all sent or received: closes the data connection and reads the
    /// final reply. Anything but 2xx, or a control connection that ends first, makes it incomplete.
    /// </summary>
    internal async Task<Reply> FinishTransferAsync(FtpTransferStream transfer, CancellationToken cancellationToken)
    {
        _transfer = null;
        var bytes = transfer.Bytes;
        Reply reply;
        try
        {
            reply = await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or TimeoutException)
        {
            throw new FtpIncompleteTransferException($"The transfer's final reply never came ({e.Message}); {bytes} bytes moved, not known to be whole.", bytes, inner: e);
        }
        if (!reply.IsPositiveCompletion)
        {
            if (!reply.IsTransientNegative && !reply.IsPermanentNegative)
                throw Malformed(reply, "Unexpected end of transfer");
            throw new FtpIncompleteTransferException(
                $"The transfer failed after {bytes} bytes: {reply.Code} {Printable.Escape(reply.Text)}", bytes, reply: reply, inner: Refusal(reply));
        }
        return reply;
    }

    /// <summary>
    /// Stops a transfer early: closes the data connection, sends ABOR and a NOOP, and reads replies up
    /// to the NOOP's 200 (the server may send 426 then 226, one 226 or 225, in any of several orders).
    /// If that fails the session is broken.
    /// </summary>
    internal async Task AbortTransferAsync(CancellationToken cancellationToken)
    {
        _transfer = null;
        if (!_connection.IsUsable)
            return;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AbortTimeout);
        try
        {
            _connection.WriteLine("ABOR");
            _connection.WriteLine("NOOP");
            await _connection.FlushAsync(timeout.Token).ConfigureAwait(false);
            for (var replies = 0; replies < 5; replies++)
            {
                var reply = await ReadReplyAsync(timeout.Token).ConfigureAwait(false);
                if (reply.Code == 200)
                    return;
                if (reply.Code == 421)
                    return;
            }
            _connection.MarkBroken();
        }
        catch (Exception e) when (e is IOException or TimeoutException or OperationCanceledException)
        {
            _connection.MarkBroken();
        }
    }

    /// <summary>A transfer given up without ABOR (cancelled, or its stream disposed synchronously): the session is out of step.</summary>
    internal void AbandonTransfer()
    {
        _transfer = null;
        _connection.MarkBroken();
    }

    /// <summary>EPSV has worked on this session, so it can go out together with the transfer command.</summary>
    private bool CanPipelineEpsv => _epsvWorked && !IsActiveMode && _options.DataConnectionMode != FtpDataConnectionMode.Passive;

    /// <summary>
    /// EPSV and the transfer command in one write (one round trip less per file): the server has its
    /// passive socket listening when the command arrives, and we connect as soon as the 229 is read.
    /// Never with REST: a refused REST must stop the transfer before it starts from byte 0.
    /// </summary>
    private async Task<(DataConnection Data, Reply Reply)> PipelinedEpsvAsync(string command, bool blocking, CancellationToken cancellationToken)
    {
        EnsureUsable();
        _connection.WriteLine("EPSV");
        _connection.WriteLine(command);
        await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
        var epsv = await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        if (epsv.Code != 229 || !FtpDataAddress.TryParseEpsv(epsv.Text, out var port))
        {
            // The command's own reply (425: no data connection) is still on its way; the session is out of step.
            _connection.MarkBroken();
            throw epsv.Code == 229 ? Malformed(epsv) : Refusal(epsv);
        }
        DataConnection data;
        try
        {
            data = await DataConnection.ConnectAsync(new IPEndPoint(ControlPeer(), port), _options.Connection, blocking, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or TimeoutException)
        {
            // A server that refuses the command (550) closes its passive socket, maybe before we reach it:
            // the command's reply explains the failure and keeps the session in step.
            var reply = await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
            if (reply.IsTransientNegative || reply.IsPermanentNegative)
                throw Refusal(reply);
            _connection.MarkBroken();
            throw;
        }
        try
        {
            return (data, await ReadReplyAsync(cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            await data.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private bool IsActiveMode => _options.DataConnectionMode is FtpDataConnectionMode.AutoActive or FtpDataConnectionMode.Active;

    private void EnsureNoTransfer()
    {
        EnsureUsable();
        if (_transfer is not null)
            throw new InvalidOperationException("A transfer is in progress on this connection: complete or dispose its stream first.");
    }

    private async Task<DataConnection> ConnectPassiveAsync(bool blocking, CancellationToken cancellationToken)
    {
        var mode = _options.DataConnectionMode;
        if (mode == FtpDataConnectionMode.ExtendedPassive || (mode == FtpDataConnectionMode.AutoPassive && !_epsvRefused))
        {
            var reply = await CommandAsync("EPSV", cancellationToken).ConfigureAwait(false);
            if (reply.Code == 229)
            {
                if (!FtpDataAddress.TryParseEpsv(reply.Text, out var port))
                    throw Malformed(reply);
                _epsvWorked = true;
                return await DataConnection.ConnectAsync(new IPEndPoint(ControlPeer(), port), _options.Connection, blocking, cancellationToken).ConfigureAwait(false);
            }
            if (mode == FtpDataConnectionMode.ExtendedPassive || !reply.IsPermanentNegative)
                throw Refusal(reply);
            _epsvRefused = true; // 500/502: an older server; PASV from now on
        }
        var pasv = await ExpectAsync("PASV", 227, cancellationToken).ConfigureAwait(false);
        if (!FtpDataAddress.TryParsePasv(pasv.Text, out var endpoint))
            throw Malformed(pasv);
        // The address in the reply is ignored unless trusted: it could point anywhere (RFC 2577).
        var target = _options.TrustPassiveAddress ? endpoint : new IPEndPoint(ControlPeer(), endpoint.Port);
        if (!_options.TrustPassiveAddress && !endpoint.Address.Equals(target.Address))
            _connection.Log.Info($"PASV named {endpoint.Address}; connecting to the control connection's {target.Address} instead");
        return await DataConnection.ConnectAsync(target, _options.Connection, blocking, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DataListener> ListenAsync(CancellationToken cancellationToken)
    {
        var local = (_connection.LocalEndPoint as IPEndPoint)?.Address
            ?? throw new InvalidOperationException("Active mode needs a TCP control connection.");
        if (local.IsIPv4MappedToIPv6)
            local = local.MapToIPv4();
        var listener = new DataListener(local);
        try
        {
            var mode = _options.DataConnectionMode;
            var usePort = mode == FtpDataConnectionMode.Active || _eprtRefused;
            if (!usePort)
            {
                var reply = await CommandAsync(FtpDataAddress.Eprt(listener.LocalEndPoint), cancellationToken).ConfigureAwait(false);
                if (reply.IsPositiveCompletion)
                    return listener;
                if (!reply.IsPermanentNegative || local.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
                    throw Refusal(reply);
                _eprtRefused = true;
            }
            await ExpectAsync(FtpDataAddress.Port(listener.LocalEndPoint), 2, cancellationToken).ConfigureAwait(false);
            return listener;
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    /// <summary>
    /// TLS on the data connection with the control connection's options, so the session resumes. A
    /// failed handshake is explained by the control reply that follows it (vsftpd: 522).
    /// </summary>
    private async Task SecureDataAsync(DataConnection data, CancellationToken cancellationToken)
    {
        try
        {
            await data.StartTlsAsync(TlsOptions.For(_options.Connection), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or TimeoutException)
        {
            Reply? reply = null;
            try
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(AbortTimeout);
                reply = await ReadReplyAsync(wait.Token).ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // No explanation came.
            }
            _connection.MarkBroken();
            var why = reply is null ? e.Message : $"{reply.Code} {Printable.Escape(reply.Text)}";
            throw new FtpDataTlsException($"TLS on the data connection failed: {why}", reply, e);
        }
    }

    /// <summary>The control connection's peer address: where passive data connections go.</summary>
    private IPAddress ControlPeer()
    {
        if (_connection.RemoteEndPoint is IPEndPoint peer)
            return peer.Address.IsIPv4MappedToIPv6 ? peer.Address.MapToIPv4() : peer.Address;
        if (IPAddress.TryParse(_options.Connection.Host, out var address))
            return address;
        return Dns.GetHostAddresses(_options.Connection.Host)[0];
    }

    private static async Task DisposeQuietlyAsync(DataConnection? data, DataListener? listener)
    {
        listener?.Dispose();
        if (data is not null)
            await data.DisposeAsync().ConfigureAwait(false);
    }
}
