namespace Inet.Codecs;

/// <summary>Outcome of assembling a file from parts.</summary>
public enum AssemblyStatus
{
    /// <summary>Every part arrived, sizes agree and every CRC matched; the file has its final name.</summary>
    Ok,
    /// <summary>All bytes are present but a part CRC or the whole-file CRC did not match; the file is kept as damaged.</summary>
    CrcMismatch,
    /// <summary>Parts or byte ranges are missing.</summary>
    Incomplete,
    /// <summary>All parts arrived but a part or the file has a different size than announced.</summary>
    SizeMismatch,
}
