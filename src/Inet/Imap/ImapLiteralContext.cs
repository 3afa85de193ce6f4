namespace Inet.Imap;

/// <summary>Where a literal occurs, so an <see cref="IImapLiteralSink"/> can decide what to do with it.</summary>
/// <param name="DataName">The response's data name in upper case ("FETCH", "LIST", ...), if known.</param>
/// <param name="SequenceNumber">The number before the data name (the message sequence number of a FETCH).</param>
/// <param name="FetchItem">
/// For FETCH, the item whose value holds the literal, as sent ("BODY[]", "BODY[HEADER]&lt;0&gt;",
/// "BINARY[1]", "ENVELOPE").
/// </param>
/// <param name="IsItemValue">True when the literal is the whole value of <paramref name="FetchItem"/> (not nested in it).</param>
/// <param name="IsBinary">True for a BINARY literal (~{n}): it may contain NUL bytes.</param>
public readonly record struct ImapLiteralContext(
    string? DataName,
    ulong? SequenceNumber,
    string? FetchItem,
    bool IsItemValue,
    bool IsBinary);
