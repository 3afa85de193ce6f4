using System.Text;

namespace Inet.Codecs;

/// <summary>A uuencode header line, <c>begin MODE NAME</c>. <see cref="Name"/> is as sent: pass it through <see cref="SafeFileName"/>.</summary>
public sealed record UuBeginLine(int Mode, string Name)
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    /// <summary>Parses <c>begin 644 name</c> (mode of 1 to 4 octal digits); false for anything else, including <c>begin-base64</c>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> line, out UuBeginLine? header)
    {
        header = null;
        if (!line.StartsWith("begin "u8))
            return false;
        var rest = line[6..];
        var digits = 0;
        var mode = 0;
        while (digits < rest.Length && rest[digits] is >= (byte)'0' and <= (byte)'7')
        {
            mode = (mode * 8) + (rest[digits] - '0');
            digits++;
        }
        if (digits is 0 or > 4 || digits >= rest.Length || rest[digits] != ' ')
            return false;
        var name = rest[(digits + 1)..].TrimEnd(" \t\r"u8);
        if (name.IsEmpty)
            return false;
        header = new UuBeginLine(mode, DecodeName(name));
        return true;
    }

    /// <summary>Returns the begin line (without line end) for this header.</summary>
    public override string ToString() => $"begin {Convert.ToString(Mode & 0xFFF, 8)} {Name}";

    // Names are UTF-8 on modern posters; older ones used Latin-1, which never fails to decode.
    private static string DecodeName(ReadOnlySpan<byte> name)
    {
        try
        {
            return StrictUtf8.GetString(name);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(name);
        }
    }
}
