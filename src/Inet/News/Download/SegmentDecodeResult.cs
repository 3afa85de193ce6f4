using Inet.Codecs;
using Inet.Codecs.Yenc;

namespace Inet.News.Download;

/// <summary>One decoded yEnc part: where it went, what the decoder found, and how the assembler took it.</summary>
internal sealed record SegmentDecodeResult(int Part, long Offset, long? ExpectedLength, YencPartResult Yenc, PartStatus Status, bool Refused)
{
    /// <summary>True when the part is in the file with the right length and CRC.</summary>
    public bool IsOk => Status == PartStatus.Ok && !Refused;
}
