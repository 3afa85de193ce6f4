using Inet.Core;

namespace Inet.Smtp;

/// <summary>
/// What became of one recipient: the RCPT reply when it was refused there, else the reply after the
/// data (with LMTP, that recipient's own reply).
/// </summary>
public sealed record SmtpRecipientResult(string Address, Reply Reply)
{
    public bool Accepted => Reply.IsPositiveCompletion;

    /// <summary>The RFC 3463 code in the reply, when the server gave one.</summary>
    public SmtpStatus? Status => SmtpStatus.FromReplyText(Reply.Text);
}

/// <summary>
/// The outcome of one message: every recipient's result, in the envelope's order, and the reply that
/// ended the transaction. <see cref="Error"/> is set when the message was not sent as a whole: the client
/// refused it itself before sending any of it (larger than SIZE, SMTPUTF8 missing; every recipient then
/// carries that refusal), or the connection failed while it was in flight (the recipients then carry a
/// reply with code 0 and the error's text: the server's verdict is unknown).
/// </summary>
public sealed record SmtpSendResult(SmtpOutgoingMessage Message, IReadOnlyList<SmtpRecipientResult> Recipients, Reply FinalReply)
{
    public Exception? Error { get; init; }

    /// <summary>Every recipient accepted the message.</summary>
    public bool Delivered => Recipients.Count > 0 && Recipients.All(r => r.Accepted);

    /// <summary>At least one recipient accepted it.</summary>
    public bool PartlyDelivered => Recipients.Any(r => r.Accepted);
}

/// <summary>Results for messages that were in flight, or never sent, when their connection failed.</summary>
internal static class SmtpFailedResults
{
    public static SmtpSendResult For(SmtpOutgoingMessage message, Exception error)
    {
        var reply = error is ProtocolException { Reply: { } refusal } ? refusal : new Reply(0, error.Message);
        return new SmtpSendResult(message, [.. message.Envelope.Recipients.Select(r => new SmtpRecipientResult(r.Address, reply))], reply) { Error = error };
    }
}
