namespace Inet.Core.Sasl;

/// <summary>
/// The client's half of a SASL exchange over a line protocol, the same in SMTP AUTH (RFC 4954), POP3 AUTH
/// (RFC 5034) and IMAP AUTHENTICATE (RFC 9051): the command with the initial response where allowed, then one
/// base64 line per challenge, and "*" to cancel an exchange the client cannot continue. Payloads never reach
/// the log. The protocol supplies how a challenge is read; the final answer stays with the protocol.
/// </summary>
public static class SaslExchange
{
    /// <summary>More rounds than any mechanism here needs: a server that keeps challenging is given up on.</summary>
    private const int MaxRounds = 16;

    /// <param name="connection">The session, its command already allowed (TLS checked by the caller).</param>
    /// <param name="mechanism">The mechanism chosen.</param>
    /// <param name="command">The command line without the initial response, e.g. "AUTH PLAIN" or "A0003 AUTHENTICATE PLAIN".</param>
    /// <param name="sendInitialResponse">The protocol allows the initial response on the command line (always in SMTP and POP3, with SASL-IR in IMAP).</param>
    /// <param name="readChallenge">Reads the server's next answer: the challenge text of a continuation, or null once the exchange is over.</param>
    /// <param name="cancellationToken">Cancels the exchange (the session is then out of step).</param>
    public static async Task RunAsync(TextConnection connection, SaslMechanism mechanism, string command, bool sendInitialResponse,
        Func<CancellationToken, ValueTask<string?>> readChallenge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(mechanism);
        ArgumentNullException.ThrowIfNull(readChallenge);
        var initialSent = sendInitialResponse;
        if (sendInitialResponse && mechanism.HasInitialResponse)
            connection.WriteSensitiveLine(command + " ", SaslBase64.EncodeInitialResponse(mechanism.InitialResponse()));
        else
            connection.WriteLine(command);
        await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
        for (var round = 0; await readChallenge(cancellationToken).ConfigureAwait(false) is { } text; round++)
        {
            byte[] answer;
            try
            {
                if (round > MaxRounds || !SaslBase64.TryDecode(text.Trim(), out var challenge))
                    throw new SaslException($"The server sent an authentication challenge that is not base64: \"{Printable.Escape(text)}\".");
                // Without an initial response on the command line, an empty first challenge asks for it.
                answer = !initialSent && mechanism.HasInitialResponse && challenge.Length == 0 ? mechanism.InitialResponse() : mechanism.Respond(challenge);
                initialSent = true;
            }
            catch (SaslException)
            {
                connection.WriteLine("*");
                await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
                await readChallenge(cancellationToken).ConfigureAwait(false); // the server's refusal of the cancelled exchange
                throw;
            }
            connection.WriteSensitiveLine("", SaslBase64.Encode(answer));
            await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
