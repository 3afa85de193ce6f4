using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Inet.Core;

/// <summary>
/// Starts the disk writes of a file being filled while it is still being filled, so that the fsync at its
/// end waits for the last moments' data only: on Linux, sync_file_range(SYNC_FILE_RANGE_WRITE) every
/// <c>period</c>, which queues the dirty pages for writing and returns at once. A 512 MiB download spent
/// 0.2 s in its final fsync without it. Elsewhere it does nothing.
/// </summary>
internal static partial class EarlyWriteback
{
    private const uint SyncFileRangeWrite = 2;

    /// <summary>Until disposed, queues <paramref name="file"/>'s dirty pages for writing every <paramref name="period"/>.</summary>
    public static IDisposable Start(SafeFileHandle file, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!OperatingSystem.IsLinux())
            return NoWriteback.Instance;
        return new Timer(static state => Kick((SafeFileHandle)state!), file, period, period);
    }

    private static void Kick(SafeFileHandle file)
    {
        var added = false;
        try
        {
            file.DangerousAddRef(ref added);
            _ = SyncFileRange(file.DangerousGetHandle().ToInt32(), 0, 0, SyncFileRangeWrite); // only a head start: errors show at fsync
        }
        catch (ObjectDisposedException)
        {
            // The file was closed before the timer was stopped.
        }
        finally
        {
            if (added)
                file.DangerousRelease();
        }
    }

    [LibraryImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
    private static partial int SyncFileRange(int fd, long offset, long count, uint flags);

    private sealed class NoWriteback : IDisposable
    {
        public static readonly NoWriteback Instance = new();

        public void Dispose() { }
    }
}
