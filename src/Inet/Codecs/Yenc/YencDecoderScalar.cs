namespace Inet.Codecs.Yenc;

/// <summary>
/// The reference decoder, one byte at a time. Every SIMD path must produce exactly its output.
/// Rules (on raw input bytes): CR and LF are dropped; '=' escapes the next byte, whatever it is
/// (output byte - 106); in dot-stuffed mode a '.' after CRLF is dropped, and CRLF.CRLF ends the
/// article; '=y' after LF (or after a dropped dot) starts a control line and ends the data.
/// </summary>
internal static class YencDecoderScalar
{
    /// <summary>Decodes <paramref name="src"/>[i..end) into <paramref name="dst"/> at o, advancing both.</summary>
    public static YencDecodeStatus Decode(ref YencDecodeState s, ReadOnlySpan<byte> src, Span<byte> dst, bool raw, ref int i, ref int o, int end)
    {
        for (; i < end; i++)
        {
            var c = src[i];
            var stuffed = false;
            var dotCr = false;
            if (s.Escape)
            {
                s.Escape = false;
                if (s.LineStartEq && c == (byte)'y')
                {
                    i++;
                    s = YencDecodeState.Initial;
                    return YencDecodeStatus.ControlLine;
                }
                dst[o++] = (byte)(c - 106);
            }
            else if (c == (byte)'=')
            {
                s.Escape = true;
                s.LineStartEq = s.Prev1 == (byte)'\n' || s.PrevStuffedDot;
            }
            else if (c == (byte)'\r')
            {
                dotCr = s.PrevStuffedDot;
            }
            else if (c == (byte)'\n')
            {
                if (s.PrevDotCr)
                {
                    i++;
                    s = YencDecodeState.Initial;
                    return YencDecodeStatus.EndOfArticle;
                }
            }
            else if (raw && c == (byte)'.' && s.Prev1 == (byte)'\n' && s.Prev2 == (byte)'\r')
            {
                stuffed = true;
            }
            else
            {
                dst[o++] = (byte)(c - 42);
            }
            s.Prev2 = s.Prev1;
            s.Prev1 = c;
            s.PrevStuffedDot = stuffed;
            s.PrevDotCr = dotCr;
        }
        return YencDecodeStatus.NeedMoreData;
    }
}
