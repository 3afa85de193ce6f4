namespace Inet.Nntp.Server;

/// <summary>
/// Whole-buffer dot-stuffing for stored articles (RFC 3977 3.1.1). The streaming versions for
/// clients live in Inet.Core; the server stuffs each article once, when it is stored.
/// </summary>
internal static class DotStuffing
{
    /// <summary>Copies CRLF lines into <paramref name="target"/>, doubling a leading dot; target must be large enough.</summary>
    public static int Stuff(ReadOnlySpan<byte> source, Span<byte> target)
    {
        int written = 0;
        while (!source.IsEmpty)
        {
            if (source[0] == (byte)'.')
                target[written++] = (byte)'.';
            int lf = source.IndexOf((byte)'\n');
            int take = lf < 0 ? source.Length : lf + 1;
            source[..take].CopyTo(target[written..]);
            written += take;
            source = source[take..];
        }
        return written;
    }

    /// <summary>Removes the extra leading dot of each line.</summary>
    public static byte[] Unstuff(ReadOnlySpan<byte> source)
    {
        var target = new byte[source.Length];
        int written = 0;
        while (!source.IsEmpty)
        {
            if (source[0] == (byte)'.')
                source = source[1..];
            int lf = source.IndexOf((byte)'\n');
            int take = lf < 0 ? source.Length : lf + 1;
            source[..take].CopyTo(target.AsSpan(written));
            written += take;
            source = source[take..];
        }
        return target.AsSpan(0, written).ToArray();
    }
}
