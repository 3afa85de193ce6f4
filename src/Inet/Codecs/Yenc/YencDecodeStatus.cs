namespace Inet.Codecs.Yenc;

/// <summary>Why <see cref="YencDecoder.Decode"/> returned.</summary>
public enum YencDecodeStatus
{
    /// <summary>All input was consumed; pass the next chunk.</summary>
    NeedMoreData,
    /// <summary>The destination is full; pass the unconsumed input again with more room.</summary>
    DestinationTooSmall,
    /// <summary>A line starting with <c>=y</c> (normally <c>=yend</c>) was found; <c>=y</c> is consumed, the rest of that line follows.</summary>
    ControlLine,
    /// <summary>Dot-stuffed mode only: the NNTP terminator <c>CRLF.CRLF</c> was consumed.</summary>
    EndOfArticle,
}
