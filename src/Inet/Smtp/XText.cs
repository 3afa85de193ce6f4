using System.Text;

namespace Inet.Smtp;

/// <summary>xtext (RFC 3461 4): printable ASCII except '+' and '=' as is, every other byte as +HH.</summary>
internal static class XText
{
    public static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is >= 33 and <= 126 and not (byte)'+' and not (byte)'=')
                builder.Append((char)b);
            else
                builder.Append('+').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }
}
