namespace Inet.News.Posting;

/// <summary>How <see cref="BinaryPoster"/> encodes files into articles.</summary>
public enum PostEncoding
{
    /// <summary>yEnc with <c>=ybegin</c>/<c>=ypart</c>/<c>=yend</c> and CRC32s; files split into parts.</summary>
    Yenc,

    /// <summary>uuencode; a file split by lines across articles (<c>begin</c> in the first, <c>end</c> in the last).</summary>
    Uu,

    /// <summary>MIME multipart/mixed with one base64 attachment; one article per file, never split.</summary>
    Mime,
}
