namespace Inet.Codecs.Yenc;

/// <summary>The <c>=ypart</c> line: the 1-based, inclusive byte range of the file this part holds.</summary>
public readonly record struct YencPartLine(long Begin, long End)
{
    /// <summary>Number of bytes the range covers (0 when it is inverted).</summary>
    public long Length => End >= Begin && Begin >= 1 ? End - Begin + 1 : 0;

    /// <summary>Zero-based offset of the part in the file.</summary>
    public long Offset => Begin >= 1 ? Begin - 1 : 0;

    /// <summary>Parses a <c>=ypart</c> line; false when it is not one or lacks begin/end.</summary>
    public static bool TryParse(ReadOnlySpan<byte> line, out YencPartLine value)
    {
        value = default;
        if (!YencKeywords.TryStrip(line, "=ypart"u8, out var pairs))
            return false;
        if (!YencKeywords.TryGetLong(pairs, "begin"u8, out var begin) || !YencKeywords.TryGetLong(pairs, "end"u8, out var end))
            return false;
        value = new YencPartLine(begin, end);
        return true;
    }
}
