namespace Inet.Core.Sasl;

/// <summary>Base64 as SMTP AUTH, POP3 AUTH and IMAP AUTHENTICATE carry SASL messages.</summary>
public static class SaslBase64
{
    /// <summary>Encodes a response; an empty response is an empty string (an empty line on the wire).</summary>
    public static string Encode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return Convert.ToBase64String(bytes);
    }

    /// <summary>
    /// Encodes an initial response sent on the command line, where an empty one is written "="
    /// (RFC 4954, RFC 4959, RFC 5034) because nothing at all would mean "no initial response".
    /// </summary>
    public static string EncodeInitialResponse(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return bytes.Length == 0 ? "=" : Convert.ToBase64String(bytes);
    }

    /// <summary>
    /// Decodes a challenge. "" and "=" are empty; anything else must be padded base64 with no
    /// whitespace, and false means the server broke the protocol.
    /// </summary>
    public static bool TryDecode(string text, out byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        bytes = [];
        if (text.Length == 0 || text == "=")
            return true;
        // Convert skips whitespace inside base64; a challenge with any is malformed, not to be guessed at.
        if (text.Length % 4 != 0 || text.AsSpan().IndexOfAny(" \t\r\n") >= 0)
            return false;
        var buffer = new byte[text.Length / 4 * 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written))
            return false;
        bytes = buffer.AsSpan(0, written).ToArray();
        return true;
    }
}
