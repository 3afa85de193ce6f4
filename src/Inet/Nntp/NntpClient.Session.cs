using System.Globalization;
using System.Text;
using Inet.Core;

namespace Inet.Nntp;

public sealed partial class NntpClient
{
    /// <summary>CAPABILITIES (101). A server that does not know it (500/480) leaves the capabilities unknown.</summary>
    public async Task<NntpCapabilities> RefreshCapabilitiesAsync(CancellationToken cancellationToken = default)
    {
        await SendAsync("CAPABILITIES", cancellationToken).ConfigureAwait(false);
        var reply = await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        Capabilities = reply.Code == 101
            ? new NntpCapabilities(await ReadTextLinesAsync(cancellationToken).ConfigureAwait(false))
            : NntpCapabilities.Unknown;
        return Capabilities;
    }

    /// <summary>MODE READER: 200 posting allowed, 201 not allowed. Refreshes the capabilities.</summary>
    public async Task ModeReaderAsync(CancellationToken cancellationToken = default)
    {
        _modeReaderSent = true;
        var reply = await ExpectAsync("MODE READER", 2, cancellationToken).ConfigureAwait(false);
        PostingAllowed = reply.Code == 200;
        await RefreshCapabilitiesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Logs in: AUTHINFO SASL PLAIN when offered (one round trip), else AUTHINFO USER/PASS
    /// (RFC 4643). The password never reaches the log.
    /// </summary>
    public async Task LoginAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        CommandGuard.Check(userName, nameof(userName));
        CommandGuard.Check(password, nameof(password));
        _authenticating = true;
        try
        {
            if (Capabilities.HasSasl("PLAIN") && !Capabilities.HasAuthInfoUser)
                await SaslPlainAsync(userName, password, cancellationToken).ConfigureAwait(false);
            else
                await AuthInfoUserPassAsync(userName, password, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _authenticating = false;
        }
        IsAuthenticated = true;
        MustLogin = false;
        await RefreshCapabilitiesAsync(cancellationToken).ConfigureAwait(false);
        if (_options.AutoModeReader && Capabilities.NeedsModeReader)
            await ModeReaderAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>AUTHINFO USER then, on 381, AUTHINFO PASS; 281 means accepted.</summary>
    public async Task AuthInfoUserPassAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        CommandGuard.Check(userName, nameof(userName));
        CommandGuard.Check(password, nameof(password));
        await SendAsync("AUTHINFO USER " + userName, cancellationToken).ConfigureAwait(false);
        var reply = await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        if (reply.Code == 381)
        {
            await DrainOpenBlockAsync(cancellationToken).ConfigureAwait(false);
            _connection.WriteSensitiveLine("AUTHINFO PASS ", password);
            await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
            reply = await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        }
        if (reply.Code != 281)
            throw reply.Code is 481 or 482 or 502 ? new AuthenticationFailedException(reply) : Refusal(reply);
    }

    /// <summary>AUTHINFO SASL PLAIN with an initial response (RFC 4643 2.4); the payload is never logged.</summary>
    public async Task SaslPlainAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        CommandGuard.Check(userName, nameof(userName));
        CommandGuard.Check(password, nameof(password));
        var payload = Convert.ToBase64String(Encoding.UTF8.GetBytes("\0" + userName + "\0" + password));
        await DrainOpenBlockAsync(cancellationToken).ConfigureAwait(false);
        EnsureUsable();
        _connection.WriteSensitiveLine("AUTHINFO SASL PLAIN ", payload);
        await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
        var reply = await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        if (reply.Code == 383)
        {
            // The server wants the response separately (no initial response support): send it, or abort with "*".
            _connection.WriteSensitiveLine("", payload);
            await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
            reply = await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        }
        if (reply.Code != 281)
            throw reply.Code is 481 or 482 or 502 ? new AuthenticationFailedException(reply) : Refusal(reply);
    }

    /// <summary>
    /// STARTTLS (RFC 4642): on 382, drop anything the server sent in plaintext, run the TLS
    /// handshake with certificate validation, then ask for CAPABILITIES again.
    /// </summary>
    public async Task StartTlsAsync(CancellationToken cancellationToken = default)
    {
        if (_connection.IsSecure)
            throw new InvalidOperationException("TLS is already active.");
        await ExpectAsync("STARTTLS", 382, cancellationToken).ConfigureAwait(false);
        await _connection.StartTlsAsync(cancellationToken).ConfigureAwait(false);
        await RefreshCapabilitiesAsync(cancellationToken).ConfigureAwait(false);
        if (_options.AutoModeReader && Capabilities.NeedsModeReader)
            await ModeReaderAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>COMPRESS DEFLATE (RFC 8054): 206, then both directions are raw DEFLATE with bounded inflation.</summary>
    public async Task CompressAsync(CancellationToken cancellationToken = default)
    {
        await ExpectAsync("COMPRESS DEFLATE", 206, cancellationToken).ConfigureAwait(false);
        _connection.StartCompression();
    }

    /// <summary>DATE (111 yyyymmddhhmmss): the server's clock in UTC.</summary>
    public async Task<DateTimeOffset> DateAsync(CancellationToken cancellationToken = default)
    {
        var reply = await ExpectAsync("DATE", 111, cancellationToken).ConfigureAwait(false);
        var stamp = Fields(reply.Text).FirstOrDefault() ?? "";
        return DateTimeOffset.TryParseExact(stamp, "yyyyMMddHHmmss", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date) ? date : throw Malformed(reply);
    }

    /// <summary>HELP (100): the server's help text, one string per line.</summary>
    public async Task<IReadOnlyList<string>> HelpAsync(CancellationToken cancellationToken = default)
    {
        await ExpectAsync("HELP", 100, cancellationToken).ConfigureAwait(false);
        return await ReadTextLinesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a whole dot-terminated text block into strings (small blocks only: capabilities, help, formats).</summary>
    private async Task<List<string>> ReadTextLinesAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        await foreach (var line in ReadBlockLinesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (lines.Count >= ReplyParser.MaxReplyLines)
                throw Malformed(new Reply(0, "text block longer than " + ReplyParser.MaxReplyLines + " lines"));
            lines.Add(Encoding.UTF8.GetString(line.Span));
        }
        return lines;
    }

    /// <summary>
    /// Yields the lines of the dot-terminated block that follows the last reply, unstuffed, as
    /// slices of the read buffer (valid until the next line). Abandoning it early drains the rest.
    /// </summary>
    private async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadBlockLinesAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = _connection.Reader;
        var done = false;
        try
        {
            while (true)
            {
                var line = await _connection.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                if (line.Length > 0 && line.Span[0] == (byte)'.')
                {
                    if (line.Length == 1)
                    {
                        done = true;
                        yield break;
                    }
                    line = line[1..];
                }
                yield return line;
            }
        }
        finally
        {
            if (!done && _connection.IsUsable)
            {
                // The caller stopped early: keep the connection in step by skipping to the terminator.
                _openBlock = new DotBodyStream(reader, _connection.MarkBroken);
            }
        }
    }
}
