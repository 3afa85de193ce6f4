namespace Inet.Nntp;

/// <summary>
/// Where parsed overview records keep their line bytes: each thread fills large shared blocks, so a
/// record costs no array of its own and the blocks (on the large object heap) are never moved by the GC.
/// </summary>
internal static class OverviewLineStore
{
    // 128 KiB is above the 85,000-byte large object threshold and holds ~500 typical lines.
    private const int BlockSize = 128 * 1024;

    // Longer lines get their own array so they do not waste the rest of a block.
    private const int SharedUpTo = 8 * 1024;

    [ThreadStatic] private static byte[]? t_block;
    [ThreadStatic] private static int t_used;

    /// <summary>Copies the line; the returned array is never written again at [start, start + line.Length).</summary>
    public static byte[] Copy(ReadOnlySpan<byte> line, out int start)
    {
        if (line.Length > SharedUpTo)
        {
            start = 0;
            return line.ToArray();
        }
        var block = t_block;
        var used = t_used;
        if (block is null || block.Length - used < line.Length)
        {
            // Uninitialized: only the copied ranges are ever read.
            block = t_block = GC.AllocateUninitializedArray<byte>(BlockSize);
            used = 0;
        }
        line.CopyTo(block.AsSpan(used));
        start = used;
        t_used = used + line.Length;
        return block;
    }
}
