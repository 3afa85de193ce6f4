namespace Inet.Smtp;

/// <summary>An enhanced status code (RFC 3463): class.subject.detail, e.g. 5.1.1 "bad mailbox".</summary>
public readonly record struct SmtpStatus(int Class, int Subject, int Detail)
{
    /// <summary>Reads "x.y.z" at the start of a reply text (servers that offer ENHANCEDSTATUSCODES put it there).</summary>
    public static SmtpStatus? FromReplyText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var token = text.AsSpan().TrimStart();
        var end = token.IndexOf(' ');
        if (end >= 0)
            token = token[..end];
        Span<Range> parts = stackalloc Range[4];
        if (token.Split(parts, '.') != 3)
            return null;
        if (!TryNumber(token[parts[0]], 1, out var c) || c is not (2 or 4 or 5)
            || !TryNumber(token[parts[1]], 3, out var s) || !TryNumber(token[parts[2]], 3, out var d))
            return null;
        return new SmtpStatus(c, s, d);
    }

    public override string ToString() => $"{Class}.{Subject}.{Detail}";

    private static bool TryNumber(ReadOnlySpan<char> digits, int maxLength, out int value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > maxLength)
            return false;
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
                return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }
}
