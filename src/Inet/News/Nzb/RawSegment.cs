namespace Inet.News.Nzb;

/// <summary>A segment as written in the XML, before its attributes are checked.</summary>
internal readonly record struct RawSegment(string? Number, string? Bytes, string Text, int LineNumber, int LinePosition);
