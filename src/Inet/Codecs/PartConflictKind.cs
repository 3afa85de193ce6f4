namespace Inet.Codecs;

/// <summary>Why a part was not written.</summary>
public enum PartConflictKind
{
    /// <summary>The same part number was already written (or is being written) successfully.</summary>
    Duplicate,
    /// <summary>The part's bytes overlap another part's bytes.</summary>
    Overlap,
    /// <summary>The part lies beyond the announced file size or part count.</summary>
    OutOfRange,
}
