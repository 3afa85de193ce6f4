namespace Inet.Ftp;

/// <summary>
/// TYPE A line endings (RFC 959 3.1.1.1): CRLF on the wire, LF on this side. Both directions work
/// block by block and carry a CR across block boundaries.
/// </summary>
internal static class AsciiNewlines
{
    /// <summary>
    /// Copies <paramref name="source"/> to <paramref name="target"/> (one byte longer) with CRLF as LF;
    /// returns the length. A CR at the end waits in <paramref name="pendingCr"/> for the next block;
    /// at the end of the data, a CR still pending is written as it is.
    /// </summary>
    public static int ToLocal(ReadOnlySpan<byte> source, Span<byte> target, ref bool pendingCr)
    {
        var write = 0;
        foreach (var b in source)
        {
            if (pendingCr)
            {
                pendingCr = false;
                if (b != (byte)'\n')
                    target[write++] = (byte)'\r'; // a lone CR is data
            }
            if (b == (byte)'\r')
            {
                pendingCr = true;
                continue;
            }
            target[write++] = b;
        }
        return write;
    }

    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/> (twice as long) with each bare LF as CRLF; returns the length.</summary>
    public static int ToWire(ReadOnlySpan<byte> source, Span<byte> target, ref bool lastWasCr)
    {
        var write = 0;
        foreach (var b in source)
        {
            if (b == (byte)'\n' && !lastWasCr)
                target[write++] = (byte)'\r';
            target[write++] = b;
            lastWasCr = b == (byte)'\r';
        }
        return write;
    }
}
