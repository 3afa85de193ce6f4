namespace Inet.Codecs.Yenc;

/// <summary>Outcome of reading one yEnc part, worst first after <see cref="NotFound"/>.</summary>
public enum YencPartStatus
{
    /// <summary>Data and CRC agree with the headers.</summary>
    Ok,
    /// <summary>The computed CRC32 differs from <c>pcrc32</c> (or <c>crc32</c> of a single-part post).</summary>
    CrcMismatch,
    /// <summary>The decoded length differs from the size the headers announce.</summary>
    SizeMismatch,
    /// <summary>Headers contradict each other, e.g. a part number beyond the total or an inverted range.</summary>
    InvalidHeader,
    /// <summary>The data ended (article end or end of stream) without an <c>=yend</c> line.</summary>
    MissingYend,
    /// <summary>The input stopped mid-way: inside an escape, or a dot-stuffed body without its terminator.</summary>
    Truncated,
    /// <summary>No <c>=ybegin</c> line was found.</summary>
    NotFound,
}
