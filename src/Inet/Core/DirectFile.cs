using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Inet.Core;

/// <summary>
/// Opens a second handle on a file for writes that bypass the page cache (Linux O_DIRECT). Large downloads
/// spend more CPU copying into the page cache and contending for it than decoding; whole aligned blocks
/// written directly cost a tenth of that. Offsets, lengths and memory must be multiples of <see cref="BlockSize"/>.
/// </summary>
internal static partial class DirectFile
{
    /// <summary>Alignment of every direct write: the largest logical block size in common use.</summary>
    public const int BlockSize = 4096;

    private const int GetStatusFlags = 3; // F_GETFL
    private const int SetStatusFlags = 4; // F_SETFL

    /// <summary>
    /// A new handle on the same file as <paramref name="handle"/> (not a path lookup: the file cannot be swapped)
    /// with O_DIRECT set, or null where direct writes are not available (not Linux, file system refuses).
    /// </summary>
    public static SafeFileHandle? TryOpenForDirectWrites(SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux() || DirectFlag() is not { } direct)
            return null;
        SafeFileHandle? reopened = null;
        try
        {
            // /proc/self/fd/N opens a new file description of the same inode; O_DIRECT is per description.
            reopened = File.OpenHandle($"/proc/self/fd/{handle.DangerousGetHandle()}", FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            var fd = (int)reopened.DangerousGetHandle();
            var flags = Fcntl(fd, GetStatusFlags, 0);
            if (flags < 0 || Fcntl(fd, SetStatusFlags, flags | direct) < 0)
            {
                reopened.Dispose();
                return null;
            }
            return reopened;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            reopened?.Dispose();
            return null;
        }
    }

    /// <summary>True when <paramref name="value"/> is a multiple of <see cref="BlockSize"/>.</summary>
    public static bool IsAligned(long value) => (value & (BlockSize - 1)) == 0;

    /// <summary><paramref name="value"/> rounded down to a multiple of <see cref="BlockSize"/>.</summary>
    public static long AlignDown(long value) => value & ~(long)(BlockSize - 1);

    // The flag's value differs between architectures (asm-generic vs x86).
    private static int? DirectFlag() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 or Architecture.X86 => 0x4000,
        Architecture.Arm64 or Architecture.Arm => 0x10000,
        _ => null,
    };

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);
}
