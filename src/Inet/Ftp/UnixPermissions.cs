namespace Inet.Ftp;

/// <summary>The nine permission characters of an <c>ls -l</c> line: checked, turned into mode bits, and shared as strings.</summary>
internal static class UnixPermissions
{
    // The usual columns come back as these instances, so most lines allocate no permission string.
    private static readonly string[] Common =
    [
        "rw-r--r--", "rwxr-xr-x", "rw-rw-r--", "rwxrwxr-x", "rwxrwxrwx", "rw-------", "rwx------",
        "rw-rw-rw-", "r--r--r--", "r-xr-xr-x", "rw-rw----", "rwxrwx---", "rwxr-x---", "rw-r-----",
    ];

    /// <summary>
    /// Reads "rwxr-xr-x" style bits, with s/S/t/T for setuid, setgid and sticky (and l/L, which some systems
    /// print for mandatory locking). False on any other character.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out int mode)
    {
        mode = 0;
        if (text.Length != 9)
            return false;
        for (var who = 0; who < 3; who++)
        {
            var shift = 6 - (who * 3);
            var r = text[who * 3];
            var w = text[(who * 3) + 1];
            var x = text[(who * 3) + 2];
            if (r is not ('r' or '-') || w is not ('w' or '-'))
                return false;
            mode |= (r == 'r' ? 4 << shift : 0) | (w == 'w' ? 2 << shift : 0);
            if (!TryExecute(x, who, out var execute, out var special))
                return false;
            mode |= (execute ? 1 << shift : 0) | (special ? 0x800 >> who : 0);
        }
        return true;
    }

    /// <summary>The permission text, shared when it is a common one.</summary>
    public static string Text(ReadOnlySpan<char> text)
    {
        foreach (var common in Common)
        {
            if (text.SequenceEqual(common))
                return common;
        }
        return new string(text);
    }

    // Owner: x s S; group: x s S l L; other: x t T. The special bit is setuid 04000, setgid 02000, sticky 01000.
    private static bool TryExecute(char c, int who, out bool execute, out bool special)
    {
        execute = c is 'x' or 's' or 't';
        special = false;
        switch (c)
        {
            case 'x' or '-':
                return true;
            case 's' or 'S':
                special = who < 2;
                return who < 2;
            case 't' or 'T':
                special = who == 2;
                return who == 2;
            case 'l' or 'L':
                return who == 1;
            default:
                return false;
        }
    }
}
