using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Inet.Core;

/// <summary>
/// Keeps <see cref="AlignedBuffer"/>s of one size for reuse, oldest first. A buffer just handed to a direct write was
/// read by the device (in a virtual machine: by a host thread on another core); writing into it again at once made
/// every store wait for its cache lines to come back (several times the decoding time in some runs). Rotating through
/// enough buffers lets those lines age out first. The rotation is one allocation backed by huge pages where the system
/// allows it: a direct write then pins one page instead of 256.
/// </summary>
internal static partial class AlignedBufferPool
{
    private const int Rotation = 16;
    private const int HugePage = 2 * 1024 * 1024;
    private const int AdviseHugePage = 14; // MADV_HUGEPAGE
    private static readonly ConcurrentQueue<AlignedBuffer> Kept = new();
    private static readonly Lock Gate = new();
    private static int _size;

    /// <summary>A buffer of exactly <paramref name="length"/> bytes (a multiple of the block size).</summary>
    public static AlignedBuffer Rent(int length)
    {
        if (Volatile.Read(ref _size) == 0)
            CreateRotation(length);
        if (length == _size && Kept.TryDequeue(out var buffer))
            return buffer;
        return new AlignedBuffer(length); // another size, or more in use at once than the rotation holds
    }

    /// <summary>Gives a buffer back for reuse after the others.</summary>
    public static void Return(AlignedBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (buffer.Length == Volatile.Read(ref _size) && Kept.Count < Rotation)
            Kept.Enqueue(buffer);
    }

    private static void CreateRotation(int length)
    {
        lock (Gate)
        {
            if (_size != 0)
                return;
            var (slab, slices) = AlignedBuffer.AllocateSlab(length, Rotation, HugePage);
            if (OperatingSystem.IsLinux())
                TryAdviseHugePages(slab);
            foreach (var slice in slices)
                Kept.Enqueue(slice); // each slice holds the one array, so the memory lives as long as any of them
            Volatile.Write(ref _size, length);
        }
    }

    // Only advice: without transparent huge pages the memory works the same with small pages.
    private static void TryAdviseHugePages(AlignedBuffer slab)
    {
        try
        {
            _ = Madvise(slab.Address(), (nuint)slab.Length, AdviseHugePage);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
