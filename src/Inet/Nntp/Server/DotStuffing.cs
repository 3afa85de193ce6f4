namespace Inet.Nntp.Server;

/// <summary>
/// Whole-buffer reverse of Core's <see cref="Inet.Core.DotStuffingEncoder"/>, for turning a stored
/// (already dot-stuffed) article back into the bytes a client posted.
/// </summary>
internal static class DotStuffing
{
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
