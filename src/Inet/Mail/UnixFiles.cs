using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Inet.Mail;

/// <summary>
/// The two file calls a Maildir delivery makes thousands of times, straight to Linux: create a new file
/// (open O_EXCL, no advisory lock) and rename it without replacing (renameat2 RENAME_NOREPLACE). .NET's
/// FileStream adds fstatfs, two flock and an lseek per file, and File.Move(overwrite: false) three lstat and
/// a link/unlink pair: 7 extra system calls per message (bench/README.md, mail fetch profile).
/// </summary>
internal static partial class UnixFiles
{
    private const int OWriteOnly = 0x1, OCreate = 0x40, OExclusive = 0x80, OCloseOnExec = 0x80000; // asm-generic (x64, arm64)
    private const int AtCurrentDirectory = -100;
    private const uint RenameNoReplace = 1;
    private const int EExist = 17, EInvalid = 22, ENoSys = 38, EPermission = 1;

    public static bool Available => OperatingSystem.IsLinux();

    /// <summary>Creates <paramref name="path"/> (0600), failing with an <see cref="IOException"/> when it exists.</summary>
    public static SafeFileHandle CreateNew(string path)
    {
        var fd = Open(path, OWriteOnly | OCreate | OExclusive | OCloseOnExec, 0x180 /* 0600 */);
        if (fd < 0)
            throw Error(Marshal.GetLastPInvokeError(), "create", path);
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>
    /// Renames without replacing: true when done; false when this file system cannot (the caller falls back).
    /// An existing target is an <see cref="IOException"/>.
    /// </summary>
    public static bool TryRenameNoReplace(string from, string to)
    {
        if (RenameAt2(AtCurrentDirectory, from, AtCurrentDirectory, to, RenameNoReplace) == 0)
            return true;
        var errno = Marshal.GetLastPInvokeError();
        if (errno is EInvalid or ENoSys or EPermission)
            return false;
        throw Error(errno, "rename", to);
    }

    private static IOException Error(int errno, string what, string path) => errno == EExist
        ? new IOException($"Cannot {what} {path}: it exists.")
        : new IOException($"Cannot {what} {path}: {Marshal.GetPInvokeErrorMessage(errno)}.", errno);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameAt2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);
}
