using System.Collections.Concurrent;

namespace Inet.Core;

/// <summary>
/// Keeps <see cref="AlignedBuffer"/>s for reuse, oldest first. A buffer just handed to a direct write was read by the
/// device (in a virtual machine: by a host thread on another core); writing into it again at once makes every store
/// wait for its cache lines to come back. Rotating through enough buffers lets those lines age out first.
/// </summary>
internal static class AlignedBufferPool
{
    private const int Rotation = 16;
    private static readonly ConcurrentQueue<AlignedBuffer> Kept = new();
    private static int _created;

    /// <summary>A buffer of exactly <paramref name="length"/> bytes.</summary>
    public static AlignedBuffer Rent(int length)
    {
        // Until the rotation is full, new buffers; then the one returned longest ago.
        if (Volatile.Read(ref _created) < Rotation && Interlocked.Increment(ref _created) <= Rotation)
            return new AlignedBuffer(length);
        while (Kept.TryDequeue(out var buffer))
        {
            if (buffer.Length == length)
                return buffer;
        }
        return new AlignedBuffer(length);
    }

    /// <summary>Gives a buffer back for reuse after the others.</summary>
    public static void Return(AlignedBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (Kept.Count < Rotation)
            Kept.Enqueue(buffer);
    }
}
