namespace Inet.Imap;

/// <summary>What an <see cref="ImapValue"/> holds.</summary>
public enum ImapValueKind
{
    /// <summary>NIL (also the value of <c>default(ImapValue)</c>).</summary>
    Nil,
    Atom,
    Number,
    QuotedString,
    /// <summary>A literal held in memory: the bytes as sent.</summary>
    Literal,
    /// <summary>A literal handed to an <see cref="IImapLiteralSink"/>: its length and the sink's token.</summary>
    StreamedLiteral,
    List,
}
