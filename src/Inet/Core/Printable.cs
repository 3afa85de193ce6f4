using System.Text;

namespace Inet.Core;

/// <summary>Makes server-supplied text safe to put in an exception message or a log line.</summary>
internal static class Printable
{
    private const int MaxLength = 200;

    public static string Escape(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxLength) + 8);
        foreach (var c in text)
        {
            if (builder.Length >= MaxLength) { builder.Append('…'); break; }
            if (c < 0x20 || c == 0x7f) builder.Append("\\x").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            else builder.Append(c);
        }
        return builder.ToString();
    }

    public static string Escape(ReadOnlySpan<byte> bytes) =>
        Escape(Encoding.UTF8.GetString(bytes.Length > MaxLength * 4 ? bytes[..(MaxLength * 4)] : bytes));
}
