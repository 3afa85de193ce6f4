namespace Inet.Codecs.Yenc;

/// <summary>The <c>=ybegin</c> line: file name and size, line length, and the part number for multipart posts.</summary>
/// <param name="Line">Line length the encoder used (0 when the key was missing).</param>
/// <param name="Size">Size of the whole file in bytes.</param>
/// <param name="Name">File name as sent: untrusted, pass it through <c>SafeFileName</c> before use.</param>
/// <param name="Part">Part number (1-based), or 0 for a single-part post.</param>
/// <param name="Total">Total number of parts, or 0 when the encoder did not say.</param>
public readonly record struct YencBeginLine(int Line, long Size, string Name, int Part, int Total)
{
    /// <summary>True when the line carries a part number (a multipart post).</summary>
    public bool IsMultipart => Part > 0;

    /// <summary>Parses a <c>=ybegin</c> line (with or without its CR/LF); false when it is not one or lacks size/name.</summary>
    public static bool TryParse(ReadOnlySpan<byte> line, out YencBeginLine value)
    {
        value = default;
        if (!YencKeywords.TryStrip(line, "=ybegin"u8, out var pairs))
            return false;
        if (!YencKeywords.TryGetLong(pairs, "size"u8, out var size))
            return false;
        if (!YencKeywords.TryGetName(pairs, out var name))
            return false;
        var lineLength = YencKeywords.GetIntOrZero(pairs, "line"u8);
        var part = YencKeywords.GetIntOrZero(pairs, "part"u8);
        var total = YencKeywords.GetIntOrZero(pairs, "total"u8);
        value = new YencBeginLine(lineLength, size, name, part, total);
        return true;
    }
}
