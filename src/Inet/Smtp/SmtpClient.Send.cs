using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using Inet.Core;

namespace Inet.Smtp;

public sealed partial class SmtpClient
{
    /// <summary>
    /// Sends one message: MAIL, every RCPT and DATA (or BDAT) in one write when the server offers
    /// PIPELINING, then the content streamed in one pass. Refusals by the server do not throw: the result
    /// holds every recipient's reply. A message the client refuses itself (over SIZE, or a non-ASCII
    /// address without SMTPUTF8) throws before anything is sent; so do network errors and 421.
    /// </summary>
    public async Task<SmtpSendResult> SendAsync(SmtpEnvelope envelope, SmtpMessage message, CancellationToken cancellationToken = default)
    {
        SmtpSendResult? result = null;
        await foreach (var sent in SendAllAsync(One(new SmtpOutgoingMessage(envelope, message)), cancellationToken).ConfigureAwait(false))
            result = sent;
        return result!.Error is { } error ? throw error : result;
    }

    /// <summary>
    /// Sends messages one after another on this connection. With PIPELINING, the end of one message
    /// goes out in the same write as the next one's envelope, so each message costs one round trip;
    /// a message's result therefore arrives once the next message has been started. Results come in
    /// the order of the messages. A message the client refuses itself yields a result with
    /// <see cref="SmtpSendResult.Error"/> set and the rest go on; a broken connection throws.
    /// </summary>
    public async IAsyncEnumerable<SmtpSendResult> SendAllAsync(IAsyncEnumerable<SmtpOutgoingMessage> messages,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        EnsureUsable();
        var pipelining = _options.UsePipelining && Capabilities.Pipelining;
        Transaction? pending = null;
        var resetNeeded = false;
        await foreach (var item in messages.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var needsUtf8 = item.Envelope.CheckAddresses();
            await using var content = await item.Message.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (LocalRefusal(content, needsUtf8) is { } refusal)
            {
                yield return SmtpFailedResults.For(item, refusal);
                continue;
            }
            var chunking = _options.UseChunking && Capabilities.Chunking;
            var transaction = new Transaction(item);

            // 1. The envelope: RSET when a refused transaction is still open, MAIL, RCPT..., DATA.
            if (pipelining)
            {
                if (resetNeeded)
                    _connection.WriteLine("RSET");
                _connection.WriteLine(MailCommand(item.Envelope, content, needsUtf8));
                foreach (var recipient in item.Envelope.Recipients)
                    _connection.WriteLine(RcptCommand(recipient));
                if (!chunking)
                    _connection.WriteLine("DATA");
                await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (pending is not null)
                {
                    yield return await ReadFinalAsync(pending, cancellationToken).ConfigureAwait(false);
                    pending = null;
                }
                if (resetNeeded)
                    EnsureReset(await ReadUnlessClosingAsync(cancellationToken).ConfigureAwait(false));
                transaction.Mail = await ReadUnlessClosingAsync(cancellationToken).ConfigureAwait(false);
                foreach (var _ in item.Envelope.Recipients)
                    transaction.Rcpt.Add(await ReadUnlessClosingAsync(cancellationToken).ConfigureAwait(false));
                if (!chunking)
                    transaction.Data = await ReadUnlessClosingAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                if (resetNeeded)
                    EnsureReset(await CommandAsync("RSET", cancellationToken).ConfigureAwait(false));
                transaction.Mail = await CommandAsync(MailCommand(item.Envelope, content, needsUtf8), cancellationToken).ConfigureAwait(false);
                if (transaction.Mail.IsPositiveCompletion)
                {
                    foreach (var recipient in item.Envelope.Recipients)
                        transaction.Rcpt.Add(await CommandAsync(RcptCommand(recipient), cancellationToken).ConfigureAwait(false));
                    if (!chunking && transaction.AcceptedCount > 0)
                        transaction.Data = await CommandAsync("DATA", cancellationToken).ConfigureAwait(false);
                }
            }
            ThrowIfClosing(transaction);
            resetNeeded = false;

            // 2. The content, or the refusal.
            if (!transaction.Mail.IsPositiveCompletion)
            {
                await EndStrayDataAsync(transaction, cancellationToken).ConfigureAwait(false);
                yield return transaction.Result(transaction.Mail);
            }
            else if (transaction.AcceptedCount == 0 || (!chunking && transaction.Data?.Code != 354))
            {
                await EndStrayDataAsync(transaction, cancellationToken).ConfigureAwait(false);
                resetNeeded = true; // MAIL was accepted: the server still holds the transaction
                yield return transaction.Result(transaction.Data ?? transaction.Rcpt.First(r => !r.IsPositiveCompletion));
            }
            else
            {
                if (chunking)
                    transaction.Chunks = await SendChunksAsync(content, pipelining, cancellationToken).ConfigureAwait(false);
                else
                    await SendDataAsync(content, cancellationToken).ConfigureAwait(false);
                pending = transaction;
                if (!pipelining)
                {
                    await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
                    yield return await ReadFinalAsync(pending, cancellationToken).ConfigureAwait(false);
                    pending = null;
                }
            }
        }
        if (pending is not null)
        {
            await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
            yield return await ReadFinalAsync(pending, cancellationToken).ConfigureAwait(false);
        }
        if (resetNeeded && _connection.IsUsable)
            EnsureReset(await CommandAsync("RSET", cancellationToken).ConfigureAwait(false));
    }

    private static async IAsyncEnumerable<SmtpOutgoingMessage> One(SmtpOutgoingMessage message)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        yield return message;
    }

    /// <summary>What the client refuses itself, before sending anything: too large, or UTF-8 without SMTPUTF8.</summary>
    private SmtpCommandException? LocalRefusal(SmtpMessageContent content, bool needsUtf8)
    {
        if (Capabilities.MaxSize is > 0 and var limit && content.Size is { } size && size > limit)
            return new SmtpMessageTooLargeException(size, limit);
        if (needsUtf8 && !Capabilities.SmtpUtf8)
            return new SmtpExtensionMissingException("SMTPUTF8", "an envelope address is not ASCII");
        return null;
    }

    /// <summary>MAIL FROM:&lt;a&gt; with SIZE, BODY, SMTPUTF8 and the DSN parameters the server understands.</summary>
    private string MailCommand(SmtpEnvelope envelope, SmtpMessageContent content, bool needsUtf8)
    {
        var command = new System.Text.StringBuilder("MAIL FROM:<").Append(envelope.From).Append('>');
        if (Capabilities.MaxSize is not null && content.Size is { } size)
            command.Append(CultureInfo.InvariantCulture, $" SIZE={size}");
        if (content.EightBit && Capabilities.EightBitMime)
            command.Append(" BODY=8BITMIME");
        if (needsUtf8)
            command.Append(" SMTPUTF8");
        if (Capabilities.Dsn)
        {
            if (envelope.Return != SmtpDsnReturn.Default)
                command.Append(envelope.Return == SmtpDsnReturn.Full ? " RET=FULL" : " RET=HDRS");
            if (envelope.EnvelopeId is { } id)
                command.Append(" ENVID=").Append(XText.Encode(id));
        }
        return command.ToString();
    }

    private string RcptCommand(SmtpRecipient recipient)
    {
        var command = "RCPT TO:<" + recipient.Address + ">";
        if (!Capabilities.Dsn)
            return command;
        if (recipient.Notify != SmtpNotify.Default)
            command += " NOTIFY=" + NotifyValue(recipient.Notify);
        if (recipient.OriginalRecipient is { } original && System.Text.Ascii.IsValid(original))
            command += " ORCPT=rfc822;" + XText.Encode(original);
        return command;
    }

    private static string NotifyValue(SmtpNotify notify)
    {
        if (notify.HasFlag(SmtpNotify.Never))
            return "NEVER";
        var parts = new List<string>(3);
        if (notify.HasFlag(SmtpNotify.Success)) parts.Add("SUCCESS");
        if (notify.HasFlag(SmtpNotify.Failure)) parts.Add("FAILURE");
        if (notify.HasFlag(SmtpNotify.Delay)) parts.Add("DELAY");
        return string.Join(',', parts);
    }

    /// <summary>The content after 354, dot-stuffed, and ".": queued, not awaited (the next envelope may join it).</summary>
    private async Task SendDataAsync(SmtpMessageContent content, CancellationToken cancellationToken)
    {
        var data = new DotStuffingStream(_connection);
        await content.WriteToAsync(data, cancellationToken).ConfigureAwait(false);
        data.Complete();
        _connection.Log.Info("(message data sent)");
    }

    private async Task<int> SendChunksAsync(SmtpMessageContent content, bool pipelining, CancellationToken cancellationToken)
    {
        await using var chunks = new BdatStream(_connection, pipelining ? null : ReadChunkReplyAsync);
        await content.WriteToAsync(chunks, cancellationToken).ConfigureAwait(false);
        await chunks.CompleteAsync(cancellationToken).ConfigureAwait(false);
        _connection.Log.Info("(message data sent in BDAT chunks)");
        return chunks.UnansweredChunks;
    }

    private async ValueTask ReadChunkReplyAsync(CancellationToken cancellationToken)
    {
        var reply = await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        if (!reply.IsPositiveCompletion)
            throw new SmtpCommandException(reply, $"The server refused a BDAT chunk: {reply.Code} {Printable.Escape(reply.Text)}");
    }

    /// <summary>
    /// The replies that end a message: the unanswered BDAT chunks' replies, then one reply (SMTP) or one
    /// per accepted recipient, in RCPT order (LMTP).
    /// </summary>
    private async Task<SmtpSendResult> ReadFinalAsync(Transaction transaction, CancellationToken cancellationToken)
    {
        Reply? chunkRefusal = null;
        for (var i = 0; i < transaction.Chunks; i++)
        {
            var reply = await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
            if (reply.Code == 421)
                throw new SmtpCommandException(reply);
            if (!reply.IsPositiveCompletion)
                chunkRefusal ??= reply;
        }
        if (_options.Mode == SmtpMode.Smtp || chunkRefusal is not null)
        {
            var final = await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
            if (final.Code == 421)
                throw new SmtpCommandException(final);
            return transaction.Result(chunkRefusal ?? final);
        }
        var perRecipient = new List<Reply>(transaction.AcceptedCount);
        for (var i = 0; i < transaction.AcceptedCount; i++)
        {
            var reply = await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
            if (reply.Code == 421)
                throw new SmtpCommandException(reply);
            perRecipient.Add(reply);
        }
        return transaction.Result(perRecipient);
    }

    /// <summary>
    /// A pipelined DATA that the server accepted although no recipient was (or MAIL failed): send an
    /// empty message end so the session stays in step, and drop its reply.
    /// </summary>
    private async Task EndStrayDataAsync(Transaction transaction, CancellationToken cancellationToken)
    {
        if (transaction.Data?.Code != 354)
            return;
        _connection.Output.Write(".\r\n"u8);
        await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
        await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
    }

    private void EnsureReset(Reply reply)
    {
        if (reply.Code != 250)
        {
            _connection.MarkBroken();
            throw new SmtpCommandException(reply, $"The server refused RSET: {reply.Code} {Printable.Escape(reply.Text)}");
        }
    }

    /// <summary>A pipelined reply; 421 means the server is closing and the replies still expected will never come.</summary>
    private async Task<Reply> ReadUnlessClosingAsync(CancellationToken cancellationToken)
    {
        var reply = await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        return reply.Code == 421 ? throw new SmtpCommandException(reply) : reply;
    }

    /// <summary>421 anywhere in the envelope: the server is closing the session; nothing further is sent.</summary>
    private static void ThrowIfClosing(Transaction transaction)
    {
        var closing = transaction.Mail.Code == 421 ? transaction.Mail
            : transaction.Rcpt.FirstOrDefault(r => r.Code == 421) ?? (transaction.Data?.Code == 421 ? transaction.Data : null);
        if (closing is not null)
            throw new SmtpCommandException(closing);
    }

    /// <summary>One message's envelope replies as they come in.</summary>
    private sealed class Transaction(SmtpOutgoingMessage item)
    {
        public SmtpOutgoingMessage Item { get; } = item;
        public Reply Mail { get; set; } = new(0, "");
        public List<Reply> Rcpt { get; } = [];
        public Reply? Data { get; set; }

        /// <summary>BDAT chunks whose replies are still to be read.</summary>
        public int Chunks { get; set; }

        public int AcceptedCount => Mail.IsPositiveCompletion ? Rcpt.Count(r => r.IsPositiveCompletion) : 0;

        /// <summary>Refused recipients keep their RCPT reply; the accepted ones get <paramref name="final"/>.</summary>
        public SmtpSendResult Result(Reply final) =>
            new(Item, [.. Item.Envelope.Recipients.Select((r, i) => new SmtpRecipientResult(r.Address, ReplyFor(i) ?? final))], final);

        /// <summary>LMTP: the accepted recipients get their own replies, in RCPT order.</summary>
        public SmtpSendResult Result(IReadOnlyList<Reply> perRecipient)
        {
            var next = 0;
            var results = Item.Envelope.Recipients
                .Select((r, i) => new SmtpRecipientResult(r.Address, ReplyFor(i) ?? perRecipient[next++]))
                .ToArray();
            return new SmtpSendResult(Item, results, perRecipient.FirstOrDefault(r => !r.IsPositiveCompletion) ?? perRecipient[^1]);
        }

        /// <summary>The recipient's own refusal (RCPT), or null when it was accepted there.</summary>
        private Reply? ReplyFor(int index) =>
            !Mail.IsPositiveCompletion ? Mail
            : index < Rcpt.Count && !Rcpt[index].IsPositiveCompletion ? Rcpt[index]
            : null;
    }

}
