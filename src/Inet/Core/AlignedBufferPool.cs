using System.Collections.Concurrent;

namespace Inet.Core;

/// <summary>
/// Keeps a few <see cref="AlignedBuffer"/>s for reuse: pinned buffers are costly to allocate and never move, so each
/// download connection borrows one per part instead of allocating it.
/// </summary>
internal static class AlignedBufferPool
{
    private const int MaxKept = 32;
    private static readonly ConcurrentBag<AlignedBuffer> Kept = [];

    /// <summary>A buffer of exactly <paramref name="length"/> bytes.</summary>
    public static AlignedBuffer Rent(int length)
    {
        while (Kept.TryTake(out var buffer))
        {
            if (buffer.Length == length)
                return buffer;
        }
        return new AlignedBuffer(length);
    }

    /// <summary>Gives a buffer back; beyond a few kept ones it is left to the garbage collector.</summary>
    public static void Return(AlignedBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (Kept.Count < MaxKept)
            Kept.Add(buffer);
    }
}
