namespace Inet.Codecs.Yenc;

/// <summary>The <c>=yend</c> line: decoded size, part number and the CRCs the encoder computed.</summary>
/// <param name="Size">Bytes in this part (the whole file for a single-part post).</param>
/// <param name="Part">Part number, or 0 when absent.</param>
/// <param name="PartCrc32">CRC32 of this part's data (<c>pcrc32</c>), when given.</param>
/// <param name="Crc32">CRC32 of the whole file (<c>crc32</c>), when given.</param>
public readonly record struct YencEndLine(long Size, int Part, uint? PartCrc32, uint? Crc32)
{
    /// <summary>Parses a <c>=yend</c> line; false when it is not one or lacks size.</summary>
    public static bool TryParse(ReadOnlySpan<byte> line, out YencEndLine value)
    {
        value = default;
        if (!YencKeywords.TryStrip(line, "=yend"u8, out var pairs))
            return false;
        if (!YencKeywords.TryGetLong(pairs, "size"u8, out var size))
            return false;
        var part = YencKeywords.GetIntOrZero(pairs, "part"u8);
        uint? pcrc = YencKeywords.TryGetCrc(pairs, "pcrc32"u8, out var pc) ? pc : null;
        uint? crc = YencKeywords.TryGetCrc(pairs, "crc32"u8, out var c) ? c : null;
        value = new YencEndLine(size, part, pcrc, crc);
        return true;
    }
}
