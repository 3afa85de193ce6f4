using System.Buffers.Text;
using System.Text;
using System.Text.Unicode;

namespace Inet.Codecs.Yenc;

/// <summary>Reads <c>key=value</c> pairs from yEnc control lines, tolerant of spacing and unknown keys.</summary>
internal static class YencKeywords
{
    /// <summary>Strips a trailing CR/LF (either or both) from a line.</summary>
    public static ReadOnlySpan<byte> TrimLineEnd(ReadOnlySpan<byte> line)
    {
        var end = line.Length;
        while (end > 0 && (line[end - 1] == (byte)'\n' || line[end - 1] == (byte)'\r'))
            end--;
        return line[..end];
    }

    /// <summary>
    /// True when <paramref name="line"/> starts with <paramref name="keyword"/> (e.g. <c>=ybegin</c>)
    /// followed by a space, a tab or the end of the line; <paramref name="rest"/> is what follows.
    /// </summary>
    public static bool TryStrip(ReadOnlySpan<byte> line, ReadOnlySpan<byte> keyword, out ReadOnlySpan<byte> rest)
    {
        line = TrimLineEnd(line);
        rest = default;
        if (!line.StartsWith(keyword))
            return false;
        var tail = line[keyword.Length..];
        if (tail.Length > 0 && tail[0] != (byte)' ' && tail[0] != (byte)'\t')
            return false;
        rest = tail;
        return true;
    }

    /// <summary>
    /// Finds the value of <paramref name="key"/> among space separated pairs. Keys must start a word,
    /// so <c>crc32</c> never matches inside <c>pcrc32</c>. The value runs to the next space or tab.
    /// </summary>
    public static bool TryFind(ReadOnlySpan<byte> pairs, ReadOnlySpan<byte> key, out ReadOnlySpan<byte> value)
    {
        var name = NameStart(pairs);
        var searchable = name < 0 ? pairs : pairs[..name];
        var from = 0;
        while (from < searchable.Length)
        {
            var at = searchable[from..].IndexOf(key);
            if (at < 0)
                break;
            at += from;
            var end = at + key.Length;
            var startsWord = at == 0 || searchable[at - 1] == (byte)' ' || searchable[at - 1] == (byte)'\t';
            if (startsWord && end < searchable.Length && searchable[end] == (byte)'=')
            {
                var v = searchable[(end + 1)..];
                var stop = v.IndexOfAny((byte)' ', (byte)'\t');
                value = stop < 0 ? v : v[..stop];
                return true;
            }
            from = at + 1;
        }
        value = default;
        return false;
    }

    /// <summary>Index of the <c>name=</c> pair, which always comes last and runs to the end of the line.</summary>
    public static int NameStart(ReadOnlySpan<byte> pairs)
    {
        var from = 0;
        while (from < pairs.Length)
        {
            var at = pairs[from..].IndexOf("name="u8);
            if (at < 0)
                return -1;
            at += from;
            if (at == 0 || pairs[at - 1] == (byte)' ' || pairs[at - 1] == (byte)'\t')
                return at;
            from = at + 1;
        }
        return -1;
    }

    /// <summary>The file name from <c>name=</c>: everything to the end of the line, decoded as UTF-8 or Latin-1.</summary>
    public static bool TryGetName(ReadOnlySpan<byte> pairs, out string name)
    {
        var at = NameStart(pairs);
        if (at < 0)
        {
            name = string.Empty;
            return false;
        }
        var raw = pairs[(at + 5)..].TrimEnd(" \t"u8);
        name = DecodeText(raw);
        return true;
    }

    /// <summary>Decodes header text: valid UTF-8 as such, anything else byte for byte (Latin-1).</summary>
    public static string DecodeText(ReadOnlySpan<byte> raw)
    {
        if (Utf8.IsValid(raw))
            return Encoding.UTF8.GetString(raw);
        return Encoding.Latin1.GetString(raw);
    }

    /// <summary>Parses a decimal integer value; tolerates leading zeros, rejects signs and overflow.</summary>
    public static bool TryGetLong(ReadOnlySpan<byte> pairs, ReadOnlySpan<byte> key, out long value)
    {
        value = 0;
        if (!TryFind(pairs, key, out var text) || text.IsEmpty || text[0] == (byte)'-' || text[0] == (byte)'+')
            return false;
        return Utf8Parser.TryParse(text, out value, out var used) && used == text.Length && value >= 0;
    }

    /// <summary>A non-negative value that fits an int, or 0 when the key is absent, malformed or too large.</summary>
    public static int GetIntOrZero(ReadOnlySpan<byte> pairs, ReadOnlySpan<byte> key) =>
        TryGetLong(pairs, key, out var value) && value <= int.MaxValue ? (int)value : 0;

    /// <summary>Parses a CRC32 written as hex; tolerates upper case, an <c>0x</c> prefix and fewer than 8 digits.</summary>
    public static bool TryGetCrc(ReadOnlySpan<byte> pairs, ReadOnlySpan<byte> key, out uint value)
    {
        value = 0;
        if (!TryFind(pairs, key, out var text))
            return false;
        if (text.Length > 2 && text[0] == (byte)'0' && (text[1] | 0x20) == (byte)'x')
            text = text[2..];
        // Some encoders pad to more than 8 digits with leading zeros; keep the low 32 bits' worth.
        while (text.Length > 8 && text[0] == (byte)'0')
            text = text[1..];
        if (text.IsEmpty || text.Length > 8)
            return false;
        return Utf8Parser.TryParse(text, out value, out var used, 'x') && used == text.Length;
    }
}
