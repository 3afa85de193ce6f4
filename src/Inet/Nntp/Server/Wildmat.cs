namespace Inet.Nntp.Server;

/// <summary>
/// RFC 3977 section 4 wildmat: comma-separated patterns with <c>*</c> and <c>?</c>, a leading
/// <c>!</c> negates; the right-most pattern that matches decides.
/// </summary>
internal static class Wildmat
{
    public static bool IsMatch(string? wildmat, string name)
    {
        if (string.IsNullOrEmpty(wildmat))
            return true;
        bool result = false;
        foreach (var part in wildmat.AsSpan().Split(','))
        {
            var pattern = wildmat.AsSpan(part);
            bool negate = pattern.Length > 0 && pattern[0] == '!';
            if (negate)
                pattern = pattern[1..];
            if (Matches(pattern, name))
                result = !negate;
        }
        return result;
    }

    /// <summary>Iterative glob match with single-star backtracking: linear in practice, no recursion.</summary>
    private static bool Matches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starT = t;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                t = ++starT;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
            p++;
        return p == pattern.Length;
    }
}
