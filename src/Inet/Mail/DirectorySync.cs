using System.Runtime.InteropServices;

namespace Inet.Mail;

/// <summary>
/// Flushes a directory's entries to disk (fsync on the directory), which makes a rename into it survive power
/// loss. .NET cannot open a directory as a file, so this calls libc. Best effort: a no-op on Windows or on error.
/// </summary>
internal static partial class DirectorySync
{
    private const int ReadOnly = 0; // O_RDONLY

    public static void Flush(string directory)
    {
        if (OperatingSystem.IsWindows())
            return;
        try
        {
            var fd = Open(directory, ReadOnly);
            if (fd < 0)
                return;
            _ = Fsync(fd);
            _ = Close(fd);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // No libc under this name: nothing to flush with.
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
