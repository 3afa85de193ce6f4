namespace Inet.Codecs;

/// <summary>State of one part handed to a <see cref="MultipartAssembler"/>.</summary>
public enum PartStatus
{
    /// <summary>Still being written.</summary>
    Writing,
    /// <summary>Written completely and its CRC matched (or none was given).</summary>
    Ok,
    /// <summary>Written, but its CRC did not match.</summary>
    CrcMismatch,
    /// <summary>Written, but with a different length than announced.</summary>
    SizeMismatch,
    /// <summary>Written, but the input ended before the part did (no end marker); the file is incomplete.</summary>
    Truncated,
    /// <summary>Dropped before completion (writer disposed, or the assembler finished first).</summary>
    Abandoned,
    /// <summary>Not written: a duplicate, overlapping or out-of-range part (see <see cref="PartConflict"/>).</summary>
    Rejected,
}
