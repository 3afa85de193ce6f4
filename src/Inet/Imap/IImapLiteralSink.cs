namespace Inet.Imap;

/// <summary>
/// Receives literals instead of memory (message bodies to disk). The reader asks
/// <see cref="WantsLiteral"/> first; a declined literal is held in memory within the limits.
/// </summary>
public interface IImapLiteralSink
{
    /// <summary>True to stream this literal to <see cref="ReceiveAsync"/>; false to keep it in memory.</summary>
    bool WantsLiteral(ImapLiteralContext context, long length);

    /// <summary>
    /// Reads the literal from <paramref name="content"/> (exactly <paramref name="length"/> bytes; the
    /// reader drains whatever is left unread) and returns a token stored in the
    /// <see cref="ImapValueKind.StreamedLiteral"/> value. <paramref name="content"/> is only valid during the call.
    /// </summary>
    ValueTask<object?> ReceiveAsync(ImapLiteralContext context, long length, Stream content, CancellationToken cancellationToken);
}
