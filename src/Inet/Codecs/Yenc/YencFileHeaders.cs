namespace Inet.Codecs.Yenc;

/// <summary>The control lines of one yEnc part, read without decoding it (see <see cref="YencHeaderScanner"/>).</summary>
/// <param name="Begin">The <c>=ybegin</c> line.</param>
/// <param name="Part">The <c>=ypart</c> line, when present.</param>
/// <param name="End">The <c>=yend</c> line, when found near the end of the input.</param>
public sealed record YencFileHeaders(YencBeginLine Begin, YencPartLine? Part, YencEndLine? End)
{
    /// <summary>Zero-based offset of the part in its file.</summary>
    public long Offset => Part?.Offset ?? 0;

    /// <summary>Bytes the part should hold.</summary>
    public long ExpectedLength => Part?.Length ?? Begin.Size;

    /// <summary>Part number, 1 for a single-part post.</summary>
    public int PartNumber => Begin.Part > 0 ? Begin.Part : 1;
}
