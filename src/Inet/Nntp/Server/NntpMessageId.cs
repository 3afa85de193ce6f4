namespace Inet.Nntp.Server;

/// <summary>Message-ID syntax checks (RFC 3977 3.6: &lt;...&gt;, printable US-ASCII, at most 250 octets).</summary>
internal static class NntpMessageId
{
    public static bool IsValid(ReadOnlySpan<char> id)
    {
        if (id.Length < 3 || id.Length > 250 || id[0] != '<' || id[^1] != '>')
            return false;
        foreach (char c in id[1..^1])
        {
            if (c is <= ' ' or >= (char)127 or '<' or '>')
                return false;
        }
        return true;
    }
}
