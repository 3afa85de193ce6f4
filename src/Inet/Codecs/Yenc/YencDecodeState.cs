namespace Inet.Codecs.Yenc;

/// <summary>
/// What the decoder remembers between chunks: a pending escape and the last raw bytes, which decide
/// whether a dot is NNTP stuffing and whether <c>=y</c> starts a line.
/// </summary>
internal struct YencDecodeState
{
    /// <summary>The last byte was an unescaped '=': the next byte is escaped.</summary>
    public bool Escape;
    /// <summary>That '=' began a line, so a following 'y' makes a control line instead of data.</summary>
    public bool LineStartEq;
    /// <summary>The last raw byte (data or not).</summary>
    public byte Prev1;
    /// <summary>The raw byte before <see cref="Prev1"/>.</summary>
    public byte Prev2;
    /// <summary>The last byte was a dot removed by NNTP unstuffing.</summary>
    public bool PrevStuffedDot;
    /// <summary>The last two bytes were a removed dot and CR: LF next ends the article.</summary>
    public bool PrevDotCr;

    /// <summary>The state at the start of a part: just after the CRLF of the header line.</summary>
    public static YencDecodeState Initial => new() { Prev1 = (byte)'\n', Prev2 = (byte)'\r' };

    /// <summary>True when the next bytes may complete a sequence that only the scalar decoder tracks.</summary>
    public readonly bool NeedsScalar => LineStartEq || PrevStuffedDot || PrevDotCr;

    /// <summary>
    /// Rebuilds the state from the raw bytes before <paramref name="end"/> after a SIMD run, which only
    /// stops where no '=' is itself escaped, so a trailing '=' is always a pending escape.
    /// </summary>
    public static YencDecodeState FromHistory(ReadOnlySpan<byte> src, int end, bool raw)
    {
        var b1 = src[end - 1];
        var b2 = src[end - 2];
        var b3 = src[end - 3];
        var b4 = src[end - 4];
        var s = new YencDecodeState { Prev1 = b1, Prev2 = b2 };
        var stuffedAt2 = raw && b2 == (byte)'.' && b3 == (byte)'\n' && b4 == (byte)'\r';
        s.PrevStuffedDot = raw && b1 == (byte)'.' && b2 == (byte)'\n' && b3 == (byte)'\r';
        s.PrevDotCr = b1 == (byte)'\r' && stuffedAt2;
        s.Escape = b1 == (byte)'=';
        s.LineStartEq = s.Escape && (b2 == (byte)'\n' || stuffedAt2);
        return s;
    }
}
