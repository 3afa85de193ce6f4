namespace Inet.Imap;

/// <summary>
/// Bounds on one response, so a broken or hostile server cannot exhaust memory. Going over any of
/// them is a <see cref="Core.ProtocolViolationException"/>. The longest line (between literals) is
/// the <see cref="Core.LineReader"/>'s own limit.
/// </summary>
/// <param name="MaxLiteralSize">Largest literal held in memory; bigger ones need an <see cref="IImapLiteralSink"/>.</param>
/// <param name="MaxDepth">Deepest nesting of parenthesized lists.</param>
/// <param name="MaxValues">Most values (atoms, numbers, strings, lists) in one response.</param>
/// <param name="MaxResponseBytes">Most bytes of lines plus in-memory literals in one response.</param>
public sealed record ImapReaderLimits(
    long MaxLiteralSize = 16 * 1024 * 1024,
    int MaxDepth = 64,
    int MaxValues = 1_000_000,
    long MaxResponseBytes = 64 * 1024 * 1024)
{
    /// <summary>16 MiB literals, 64 levels, a million values, 64 MiB per response.</summary>
    public static readonly ImapReaderLimits Default = new();
}
