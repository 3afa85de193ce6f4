namespace Inet.Smtp;

/// <summary>
/// Checks an envelope address before it goes into MAIL FROM or RCPT TO: a local part, '@' and a
/// domain (or an address literal), no CR/LF/NUL, no spaces or angle brackets that would end the path
/// early, and no longer than RFC 5321 allows (64 + 1 + 255).
/// </summary>
public static class SmtpAddress
{
    private const int MaxLength = 320;

    /// <summary>Throws <see cref="ArgumentException"/> when unusable; returns true when it is not ASCII (SMTPUTF8 needed).</summary>
    public static bool Check(string address, string parameterName, bool allowEmpty = false)
    {
        ArgumentNullException.ThrowIfNull(address, parameterName);
        Core.CommandGuard.Check(address, parameterName);
        if (address.Length == 0)
            return allowEmpty ? false : throw new ArgumentException("The address is empty.", parameterName);
        if (address.Length > MaxLength)
            throw new ArgumentException($"The address is longer than {MaxLength} characters.", parameterName);
        if (address.AsSpan().IndexOfAny(" \t<>") >= 0 && !IsQuotedLocalPart(address))
            throw new ArgumentException($"The address \"{Core.Printable.Escape(address)}\" holds a space or an angle bracket.", parameterName);
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1)
            throw new ArgumentException($"\"{Core.Printable.Escape(address)}\" is not an address of the form local@domain.", parameterName);
        foreach (var c in address)
        {
            if (char.IsControl(c))
                throw new ArgumentException("The address holds a control character.", parameterName);
        }
        return !System.Text.Ascii.IsValid(address);
    }

    /// <summary>"a b"@example.org: spaces inside a quoted local part are legal (RFC 5321 4.1.2).</summary>
    private static bool IsQuotedLocalPart(string address)
    {
        var at = address.LastIndexOf('@');
        return at > 1 && address[0] == '"' && address[at - 1] == '"' && address.AsSpan(at).IndexOfAny(" \t<>") < 0;
    }
}
