namespace Inet.Nntp.Server;

/// <summary>Newsgroup name checks: printable, no whitespace, comma or wildmat characters.</summary>
internal static class NntpGroupName
{
    public static bool IsValid(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > 255)
            return false;
        foreach (char c in name)
        {
            if (c is <= ' ' or >= (char)127 or ',' or '*' or '?' or '!' or '[' or ']' or '\\' or ':')
                return false;
        }
        return true;
    }
}
